/*
 * xml_fast.h - a part's XML read without expat, when it is plain.
 *
 * The parts spreadsheet programs write use a small corner of XML: ASCII
 * names, attributes in double or single quotes, the five entities and
 * character references, namespaces declared on the elements, no DOCTYPE,
 * comment, processing instruction or CDATA section; short names and
 * tags, few attributes, namespaces and distinct names (xml_fast.c's
 * bounds, which also keep what it takes far inside expat's memory cap).  This reader takes
 * that corner, over a part held whole in memory, in one pass, and calls
 * the handlers of an eg_xml as expat calls them when eg_xlsx_parse has set
 * it up (namespaces on, a space between a name's URI and its local part):
 * the same starts and ends, with the same names and attributes in the
 * same order, and the same text between them (cut into other pieces,
 * which the handlers only join).  It checks what expat checks in that
 * corner (names, quotes, references, UTF-8, characters XML forbids,
 * matching end tags, bound prefixes, attributes given twice) and declines
 * the rest: anything outside the corner, well formed or not, is left to
 * expat, which reads it (and names what is wrong with it).
 *
 * tests/unit/test_xml_fast.c and the libFuzzer target
 * tests/fuzz/fuzz_xml_fast.c read the same texts with both: a text this
 * reader takes must be one expat takes, with the same calls.
 */
#ifndef EG_XML_FAST_H
#define EG_XML_FAST_H

#include <stddef.h>

#include "extract/xlsx_priv.h"

enum {
    EG_XML_FAST_DONE = 0,      /* read to its end, or stopped by a handler */
    EG_XML_FAST_DECLINED = 1   /* not for this reader: read it with expat */
};

/* Parses doc[0, len) (a whole part) with x's handlers (NULL ones are not
 * called; x->parser is not used and may be NULL).  A handler may stop the
 * parse (eg_xml_stop, eg_xml_fail): no handler is called after that.  On
 * EG_XML_FAST_DECLINED handlers may have been called for the text before
 * what was declined: the caller drops what they made and reads the part
 * again with expat. */
int eg_xml_fast_parse(eg_xml *x, const char *doc, size_t len);

#endif
