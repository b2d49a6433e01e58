/* version.h - the program's version, set by the Makefile from VERSION. */
#ifndef EG_VERSION_H
#define EG_VERSION_H

#ifndef EG_VERSION
#define EG_VERSION "0.0.0"
#endif

#endif
