// BuildStamp: what the build was made from, fixed at compile time.
//
// Swift has no way to take a string from the build command line, so the commit comes in through C:
// `make release` and `make dist` write `.build/stamp/assay_commit.h` (defining ASSAY_COMMIT) and put
// that folder on the include path; the commit leaves through one function. A plain `swift build`
// has no such header and the commit reads "unknown".
#ifndef ASSAY_BUILD_STAMP_H
#define ASSAY_BUILD_STAMP_H

#pragma clang assume_nonnull begin

/// The commit the binary was built from (a git hash), or "unknown"; a static string.
const char *assay_build_commit(void);

#pragma clang assume_nonnull end

#endif
