// key_impl.h — the OpenSSL side of SigningKey, shared by key.cpp and key_file.cpp.
#pragma once

#include <openssl/evp.h>

#include "fairdraw/key.h"

namespace fairdraw {

struct SigningKey::Impl {
    EVP_PKEY* pkey = nullptr;  // owned; OpenSSL wipes the private key when it is freed
    Impl() = default;
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;
    ~Impl();
    // Takes ownership of `pkey` (freed even on failure) and checks it is Ed25519.
    static Result<SigningKey> adopt(EVP_PKEY* pkey, std::string name);
};

}  // namespace fairdraw
