// CCurl: libcurl for Swift, loaded at run time, with typed, non-variadic wrappers.
//
// libcurl is opened with dlopen by `assay_curl_load`, not linked: loading it and its ~35
// libraries costs a process ~4 ms, which `assay run` spends on a background thread while the
// suites are checked, and which `lint`, `list`, `merge` and `version` never spend at all.
// Swift calls libcurl only through the `assay_curl_*` functions below, after a successful load.
//
// Swift cannot call C variadic functions, so every `curl_easy_setopt`, `curl_easy_getinfo` and
// `curl_multi_setopt` call goes through one wrapper per argument kind. There is deliberately no
// logic here: behaviour lives in AssayKit/Transport, where it can be read and tested in Swift.
#ifndef ASSAY_CCURL_H
#define ASSAY_CCURL_H

#include <curl/curl.h>
#include <stddef.h>

#pragma clang assume_nonnull begin

/// The libcurl functions Assay uses, resolved by `assay_curl_load` (types straight from curl.h).
struct assay_curl_functions {
    __typeof__(curl_global_init) *_Nullable global_init;
    __typeof__(curl_easy_strerror) *_Nullable easy_strerror;
    __typeof__(curl_easy_init) *_Nullable easy_init;
    __typeof__(curl_easy_cleanup) *_Nullable easy_cleanup;
    __typeof__(curl_easy_reset) *_Nullable easy_reset;
    __typeof__(curl_easy_setopt) *_Nullable easy_setopt;
    __typeof__(curl_easy_getinfo) *_Nullable easy_getinfo;
    __typeof__(curl_multi_init) *_Nullable multi_init;
    __typeof__(curl_multi_cleanup) *_Nullable multi_cleanup;
    __typeof__(curl_multi_add_handle) *_Nullable multi_add_handle;
    __typeof__(curl_multi_remove_handle) *_Nullable multi_remove_handle;
    __typeof__(curl_multi_perform) *_Nullable multi_perform;
    __typeof__(curl_multi_poll) *_Nullable multi_poll;
    __typeof__(curl_multi_wakeup) *_Nullable multi_wakeup;
    __typeof__(curl_multi_info_read) *_Nullable multi_info_read;
    __typeof__(curl_multi_setopt) *_Nullable multi_setopt;
    __typeof__(curl_slist_append) *_Nullable slist_append;
    __typeof__(curl_slist_free_all) *_Nullable slist_free_all;
    __typeof__(curl_version) *_Nullable version;
};

/// Filled once by `assay_curl_load`; read only after it succeeded.
extern struct assay_curl_functions assay_curl;

/// Opens libcurl (`libcurl.so.4`, else `libcurl.so`) and resolves every function above. Returns
/// NULL on success, else what went wrong (the loader's message, or the missing function), in a
/// buffer that lives until the next call. Not thread-safe: call once (AssayKit's `CurlGlobal` does).
const char *_Nullable assay_curl_load(void);

/// Signature of libcurl's write and header callbacks.
typedef size_t (*assay_curl_data_callback)(char *_Nonnull data, size_t size, size_t count, void *_Nullable userdata);
/// Signature of libcurl's progress callback (CURLOPT_XFERINFOFUNCTION).
typedef int (*assay_curl_xferinfo_callback)(void *_Nullable userdata, curl_off_t dltotal, curl_off_t dlnow,
                                             curl_off_t ultotal, curl_off_t ulnow);

// MARK: Plain functions

static inline CURLcode assay_curl_global_init(long flags) { return assay_curl.global_init(flags); }
static inline const char *assay_curl_easy_strerror(CURLcode code) { return assay_curl.easy_strerror(code); }
static inline CURL *_Nullable assay_curl_easy_init(void) { return assay_curl.easy_init(); }
static inline void assay_curl_easy_cleanup(CURL *handle) { assay_curl.easy_cleanup(handle); }
static inline void assay_curl_easy_reset(CURL *handle) { assay_curl.easy_reset(handle); }
static inline CURLM *_Nullable assay_curl_multi_init(void) { return assay_curl.multi_init(); }
static inline CURLMcode assay_curl_multi_cleanup(CURLM *multi) { return assay_curl.multi_cleanup(multi); }
static inline CURLMcode assay_curl_multi_add_handle(CURLM *multi, CURL *handle) {
    return assay_curl.multi_add_handle(multi, handle);
}
static inline CURLMcode assay_curl_multi_remove_handle(CURLM *multi, CURL *handle) {
    return assay_curl.multi_remove_handle(multi, handle);
}
static inline CURLMcode assay_curl_multi_perform(CURLM *multi, int *running) {
    return assay_curl.multi_perform(multi, running);
}
static inline CURLMcode assay_curl_multi_poll(CURLM *multi, struct curl_waitfd *_Nullable extra, unsigned int count,
                                              int timeoutMilliseconds, int *_Nullable ready) {
    return assay_curl.multi_poll(multi, extra, count, timeoutMilliseconds, ready);
}
static inline CURLMcode assay_curl_multi_wakeup(CURLM *multi) { return assay_curl.multi_wakeup(multi); }
static inline CURLMsg *_Nullable assay_curl_multi_info_read(CURLM *multi, int *queued) {
    return assay_curl.multi_info_read(multi, queued);
}
static inline struct curl_slist *_Nullable assay_curl_slist_append(struct curl_slist *_Nullable list,
                                                                   const char *line) {
    return assay_curl.slist_append(list, line);
}
static inline void assay_curl_slist_free_all(struct curl_slist *_Nullable list) { assay_curl.slist_free_all(list); }
static inline char *assay_curl_version(void) { return assay_curl.version(); }

// MARK: Variadic functions, one wrapper per argument kind

/// Sets an option that takes a `long`.
static inline CURLcode assay_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return assay_curl.easy_setopt(handle, option, value);
}
/// Sets an option that takes a `curl_off_t`.
static inline CURLcode assay_easy_setopt_off(CURL *handle, CURLoption option, curl_off_t value) {
    return assay_curl.easy_setopt(handle, option, value);
}
/// Sets an option that takes a C string (libcurl copies it).
static inline CURLcode assay_easy_setopt_string(CURL *handle, CURLoption option, const char *_Nullable value) {
    return assay_curl.easy_setopt(handle, option, value);
}
/// Sets an option that takes an opaque pointer (user data, POSTFIELDS, an slist).
static inline CURLcode assay_easy_setopt_pointer(CURL *handle, CURLoption option, void *_Nullable value) {
    return assay_curl.easy_setopt(handle, option, value);
}
/// Sets a write or header callback.
static inline CURLcode assay_easy_setopt_data_callback(CURL *handle, CURLoption option,
                                                       assay_curl_data_callback _Nullable callback) {
    return assay_curl.easy_setopt(handle, option, callback);
}
/// Sets the progress callback (CURLOPT_XFERINFOFUNCTION).
static inline CURLcode assay_easy_setopt_xferinfo_callback(CURL *handle, assay_curl_xferinfo_callback _Nullable callback) {
    return assay_curl.easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, callback);
}

/// Reads a `long` info value.
static inline CURLcode assay_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return assay_curl.easy_getinfo(handle, info, value);
}
/// Reads a `curl_off_t` info value (the *_TIME_T timings are microseconds).
static inline CURLcode assay_easy_getinfo_off(CURL *handle, CURLINFO info, curl_off_t *value) {
    return assay_curl.easy_getinfo(handle, info, value);
}
/// Reads a string info value; the string belongs to the handle.
static inline CURLcode assay_easy_getinfo_string(CURL *handle, CURLINFO info, const char *_Nullable *_Nonnull value) {
    return assay_curl.easy_getinfo(handle, info, value);
}

/// Sets a multi-handle option that takes a `long`.
static inline CURLMcode assay_multi_setopt_long(CURLM *handle, CURLMoption option, long value) {
    return assay_curl.multi_setopt(handle, option, value);
}

#pragma clang assume_nonnull end

#endif
