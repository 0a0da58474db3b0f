#include <aftershock/util/error.hpp>

#include <cstring>
#include <dlfcn.h>

#include "curl_api.hpp"

namespace aftershock::sources {

namespace {

std::string dl_error_text() {
  const char* text = ::dlerror(); // thread-local in glibc
  return text != nullptr ? std::string(text) : std::string("unknown dlopen error");
}

// Resolves `name` into `slot`; false (and `error` set) when the library lacks it.
template <typename Function>
bool resolve(void* handle, const char* name, Function& slot, std::string& error) {
  ::dlerror(); // clears a stale error
  void* symbol = ::dlsym(handle, name);
  if (symbol == nullptr) {
    error = dl_error_text();
    return false;
  }
  // POSIX guarantees that a dlsym result converts to a function pointer; memcpy avoids the
  // object-to-function pointer cast that ISO C++ only conditionally supports.
  static_assert(sizeof(Function) == sizeof(void*));
  std::memcpy(&slot, &symbol, sizeof(slot));
  return true;
}

} // namespace

util::Result<std::shared_ptr<const CurlApi>, std::string>
load_curl_library(const std::string& library) {
  ::dlerror();
  // RTLD_LOCAL: libcurl's symbols are reached only through the table. Never dlclose'd: libcurl
  // and its TLS library register process-wide state.
  void* handle = ::dlopen(library.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr)
    return util::unexpected("cannot load " + library + ": " + dl_error_text());
  auto api = std::make_shared<CurlApi>();
  std::string error;
  const bool ok = resolve(handle, "curl_global_init", api->global_init, error) &&
                  resolve(handle, "curl_easy_init", api->easy_init, error) &&
                  resolve(handle, "curl_easy_setopt", api->easy_setopt, error) &&
                  resolve(handle, "curl_easy_getinfo", api->easy_getinfo, error) &&
                  resolve(handle, "curl_easy_cleanup", api->easy_cleanup, error) &&
                  resolve(handle, "curl_easy_strerror", api->easy_strerror, error) &&
                  resolve(handle, "curl_multi_init", api->multi_init, error) &&
                  resolve(handle, "curl_multi_cleanup", api->multi_cleanup, error) &&
                  resolve(handle, "curl_multi_add_handle", api->multi_add_handle, error) &&
                  resolve(handle, "curl_multi_remove_handle", api->multi_remove_handle, error) &&
                  resolve(handle, "curl_multi_perform", api->multi_perform, error) &&
                  resolve(handle, "curl_multi_info_read", api->multi_info_read, error) &&
                  resolve(handle, "curl_multi_poll", api->multi_poll, error) &&
                  resolve(handle, "curl_share_init", api->share_init, error) &&
                  resolve(handle, "curl_share_setopt", api->share_setopt, error) &&
                  resolve(handle, "curl_share_cleanup", api->share_cleanup, error) &&
                  resolve(handle, "curl_slist_append", api->slist_append, error) &&
                  resolve(handle, "curl_slist_free_all", api->slist_free_all, error);
  if (!ok)
    return util::unexpected("cannot use " + library + ": " + error);
  return std::shared_ptr<const CurlApi>(std::move(api));
}

const CurlApi& curl_api() {
  // A throwing initializer leaves the static uninitialised, so a later call tries again; the
  // initialisation itself is thread-safe (C++11 magic statics).
  static const std::shared_ptr<const CurlApi> api = [] {
    auto loaded = load_curl_library(k_curl_library);
    if (!loaded)
      throw Error("libcurl is needed for network access and could not be loaded: " + loaded.error(),
                  "install the Debian package libcurl4 (apt-get install libcurl4); CSV studies "
                  "do not need it");
    (*loaded)->global_init(CURL_GLOBAL_DEFAULT);
    return std::move(loaded).value();
  }();
  return *api;
}

} // namespace aftershock::sources
