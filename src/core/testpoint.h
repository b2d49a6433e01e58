/*
 * testpoint.h - named points of a run where a test may stop the program.
 *
 * For the tests only.  When the environment variable EGREPORT_TEST_STOP
 * holds a comma-separated list of point names, a run reaching one of them
 * prints "egreport: test point NAME reached (pid N)" on standard error and
 * stops itself with SIGSTOP; the test then kills it (SIGKILL) or lets it go
 * on (SIGCONT).  That is how the tests kill a build at a known moment
 * (during extraction, before each writer, in the middle of the commit)
 * without relying on timing.  Without the variable a point costs one
 * comparison.  The points are listed in docs/operations.md.
 */
#ifndef EG_TESTPOINT_H
#define EG_TESTPOINT_H

/* Stops the process at point name when EGREPORT_TEST_STOP names it. */
void eg_test_point(const char *name);

#endif
