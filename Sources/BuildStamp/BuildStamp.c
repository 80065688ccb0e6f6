// See BuildStamp.h. `make release` writes the commit into a generated header on the include path
// (.build/stamp/assay_commit.h), so only this file recompiles when the commit changes.
#include "BuildStamp.h"

#if __has_include("assay_commit.h")
#include "assay_commit.h"
#endif

const char *assay_build_commit(void) {
#ifdef ASSAY_COMMIT
    return ASSAY_COMMIT;
#else
    return "unknown";
#endif
}
