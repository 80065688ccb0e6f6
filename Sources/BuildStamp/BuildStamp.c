// See BuildStamp.h. The define is a bare token (no quotes survive make, a shell and SwiftPM
// intact), so it is turned into a string here.
#include "BuildStamp.h"

#define ASSAY_STRING(token) #token
#define ASSAY_EXPANDED_STRING(token) ASSAY_STRING(token)

const char *assay_build_commit(void) {
#ifdef ASSAY_COMMIT
    return ASSAY_EXPANDED_STRING(ASSAY_COMMIT);
#else
    return "unknown";
#endif
}
