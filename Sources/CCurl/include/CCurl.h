// CCurl: typed, non-variadic wrappers over libcurl for Swift.
//
// Swift cannot call C variadic functions, so every `curl_easy_setopt`,
// `curl_easy_getinfo` and `curl_multi_setopt` call goes through one wrapper
// per argument kind. There is deliberately no logic here: behaviour lives in
// AssayKit/Transport, where it can be read and tested in Swift.
#ifndef ASSAY_CCURL_H
#define ASSAY_CCURL_H

#include <curl/curl.h>
#include <stddef.h>

#pragma clang assume_nonnull begin

/// Signature of libcurl's write and header callbacks.
typedef size_t (*assay_curl_data_callback)(char *_Nonnull data, size_t size, size_t count, void *_Nullable userdata);
/// Signature of libcurl's progress callback (CURLOPT_XFERINFOFUNCTION).
typedef int (*assay_curl_xferinfo_callback)(void *_Nullable userdata, curl_off_t dltotal, curl_off_t dlnow,
                                             curl_off_t ultotal, curl_off_t ulnow);

/// Sets an option that takes a `long`.
static inline CURLcode assay_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}
/// Sets an option that takes a `curl_off_t`.
static inline CURLcode assay_easy_setopt_off(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}
/// Sets an option that takes a C string (libcurl copies it).
static inline CURLcode assay_easy_setopt_string(CURL *handle, CURLoption option, const char *_Nullable value) {
    return curl_easy_setopt(handle, option, value);
}
/// Sets an option that takes an opaque pointer (user data, POSTFIELDS, an slist).
static inline CURLcode assay_easy_setopt_pointer(CURL *handle, CURLoption option, void *_Nullable value) {
    return curl_easy_setopt(handle, option, value);
}
/// Sets a write or header callback.
static inline CURLcode assay_easy_setopt_data_callback(CURL *handle, CURLoption option,
                                                       assay_curl_data_callback _Nullable callback) {
    return curl_easy_setopt(handle, option, callback);
}
/// Sets the progress callback (CURLOPT_XFERINFOFUNCTION).
static inline CURLcode assay_easy_setopt_xferinfo_callback(CURL *handle, assay_curl_xferinfo_callback _Nullable callback) {
    return curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, callback);
}

/// Reads a `long` info value.
static inline CURLcode assay_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}
/// Reads a `curl_off_t` info value (the *_TIME_T timings are microseconds).
static inline CURLcode assay_easy_getinfo_off(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}
/// Reads a string info value; the string belongs to the handle.
static inline CURLcode assay_easy_getinfo_string(CURL *handle, CURLINFO info, const char *_Nullable *_Nonnull value) {
    return curl_easy_getinfo(handle, info, value);
}

/// Sets a multi-handle option that takes a `long`.
static inline CURLMcode assay_multi_setopt_long(CURLM *handle, CURLMoption option, long value) {
    return curl_multi_setopt(handle, option, value);
}

#pragma clang assume_nonnull end

#endif
