#ifndef CLIBXML2_SHIM_H
#define CLIBXML2_SHIM_H

// Debian's libxml2 headers pull in the system ICU, which clashes with the ICU
// that Foundation ships. Read the version header first and switch ICU off.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

/// zlib (which libxml2 itself links): its CRC-32 is many times faster than ZIPFoundation's
/// table in Swift, which a debug build runs byte by byte.
#include <zlib.h>

static inline unsigned long clibxml2_crc32(unsigned long crc, const unsigned char *bytes, unsigned int length) {
    return crc32(crc, bytes, length);
}

/// `xmlFree` is a global function pointer in C; Swift cannot call it directly.
static inline void clibxml2_free(void *pointer) { xmlFree(pointer); }

#endif
