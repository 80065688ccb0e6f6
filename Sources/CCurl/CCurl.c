// Loads libcurl at run time; see CCurl.h for why.
#include "CCurl.h"

#include <dlfcn.h>
#include <stdio.h>

struct assay_curl_functions assay_curl;

static char failure[512];

const char *assay_curl_load(void) {
    // Lazily bound: the libraries libcurl brings (Kerberos, LDAP, RTMP, ...) that were not linked
    // with BIND_NOW leave their calls unresolved until made, and most are never made. The
    // functions Assay calls are resolved below, up front.
    void *library = dlopen("libcurl.so.4", RTLD_LAZY | RTLD_LOCAL);
    if (library == NULL) library = dlopen("libcurl.so", RTLD_LAZY | RTLD_LOCAL);
    if (library == NULL) {
        const char *reason = dlerror();
        snprintf(failure, sizeof failure, "%s", reason != NULL ? reason : "libcurl.so.4 not found");
        return failure;
    }
#define ASSAY_RESOLVE(field, symbol)                                                                 \
    assay_curl.field = (__typeof__(assay_curl.field))dlsym(library, #symbol);                       \
    if (assay_curl.field == NULL) {                                                                  \
        snprintf(failure, sizeof failure, "the loaded libcurl has no function " #symbol);            \
        return failure;                                                                              \
    }
    ASSAY_RESOLVE(global_init, curl_global_init)
    ASSAY_RESOLVE(easy_strerror, curl_easy_strerror)
    ASSAY_RESOLVE(easy_init, curl_easy_init)
    ASSAY_RESOLVE(easy_cleanup, curl_easy_cleanup)
    ASSAY_RESOLVE(easy_reset, curl_easy_reset)
    ASSAY_RESOLVE(easy_setopt, curl_easy_setopt)
    ASSAY_RESOLVE(easy_getinfo, curl_easy_getinfo)
    ASSAY_RESOLVE(multi_init, curl_multi_init)
    ASSAY_RESOLVE(multi_cleanup, curl_multi_cleanup)
    ASSAY_RESOLVE(multi_add_handle, curl_multi_add_handle)
    ASSAY_RESOLVE(multi_remove_handle, curl_multi_remove_handle)
    ASSAY_RESOLVE(multi_perform, curl_multi_perform)
    ASSAY_RESOLVE(multi_poll, curl_multi_poll)
    ASSAY_RESOLVE(multi_wakeup, curl_multi_wakeup)
    ASSAY_RESOLVE(multi_info_read, curl_multi_info_read)
    ASSAY_RESOLVE(multi_setopt, curl_multi_setopt)
    ASSAY_RESOLVE(slist_append, curl_slist_append)
    ASSAY_RESOLVE(slist_free_all, curl_slist_free_all)
    ASSAY_RESOLVE(version, curl_version)
#undef ASSAY_RESOLVE
    return NULL;
}
