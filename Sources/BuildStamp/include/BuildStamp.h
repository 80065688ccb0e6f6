// BuildStamp: what the build was made from, fixed at compile time.
//
// Swift has no way to take a string from the build command line, so the commit comes in as a C
// define (`make release` and `make dist` pass `-Xcc -DASSAY_COMMIT=<hash>`) and leaves through one
// function. A plain `swift build` passes nothing and the commit reads "unknown".
#ifndef ASSAY_BUILD_STAMP_H
#define ASSAY_BUILD_STAMP_H

#pragma clang assume_nonnull begin

/// The commit the binary was built from (a git hash), or "unknown"; a static string.
const char *assay_build_commit(void);

#pragma clang assume_nonnull end

#endif
