// The wrappers are static inline in CCurl.h; this file exists so SwiftPM builds
// CCurl as a C target and links libcurl.
#include "CCurl.h"
