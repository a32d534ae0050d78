// The signing key file: PKCS#8 PEM, owner-only, optionally passphrase-encrypted.
#include <fcntl.h>
#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

#include "key_impl.h"

namespace fairdraw {
namespace {

namespace fs = std::filesystem;

// scrypt cost for encrypted keys (RFC 7914): N = 2^14, r = 8, p = 1 needs
// 16 MiB and about a tenth of a second, within OpenSSL's default memory limit.
constexpr std::uint64_t k_scrypt_n = std::uint64_t{1} << 14;
constexpr std::uint64_t k_scrypt_r = 8;
constexpr std::uint64_t k_scrypt_p = 1;
constexpr const char* k_encrypted_pem_label = "-----BEGIN ENCRYPTED PRIVATE KEY-----";

std::string mode_text(mode_t mode) {
    char text[8];
    std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(mode & 07777));
    return text;
}

// Wipes a buffer that held key material or a passphrase.
struct Wipe {
    std::string& text;
    ~Wipe() { OPENSSL_cleanse(text.data(), text.size()); }
};

int passphrase_callback(char* buf, int size, int /*rwflag*/, void* user) {
    auto* passphrase = static_cast<std::string_view*>(user);
    if (passphrase->size() > static_cast<std::size_t>(size)) return -1;
    std::memcpy(buf, passphrase->data(), passphrase->size());
    return static_cast<int>(passphrase->size());
}

Status write_new_file(const fs::path& file, const char* data, std::size_t size) {
    int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno == EEXIST)
            return Error::bad_input("a signing key already exists at " + file.string() +
                                        "; fairdraw never overwrites a key",
                                    "if an earlier 'fairdraw init' was interrupted, remove the key "
                                    "files and run init again");
        return Error::environment("cannot create " + file.string() + ": " + std::strerror(errno));
    }
    bool ok = ::fchmod(fd, 0600) == 0;
    std::size_t written = 0;
    while (ok && written < size) {
        ssize_t n = ::write(fd, data + written, size - written);
        if (n < 0 && errno == EINTR) continue;
        ok = n > 0;
        if (ok) written += static_cast<std::size_t>(n);
    }
    ok = ok && ::fsync(fd) == 0;
    int saved = errno;
    ok = ::close(fd) == 0 && ok;
    if (!ok) {
        std::error_code ec;
        fs::remove(file, ec);
        return Error::environment("cannot write " + file.string() + ": " + std::strerror(saved));
    }
    // Make the new name durable too.
    int dir = ::open(file.parent_path().empty() ? "." : file.parent_path().c_str(),
                     O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
    return {};
}

}  // namespace

Status check_private_key_file(const fs::path& file) {
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0)
        return Error::environment("cannot read the signing key " + file.string() + ": " +
                                  std::strerror(errno));
    if (!S_ISREG(st.st_mode))
        return Error::environment("the signing key " + file.string() + " is not a regular file");
    if ((st.st_mode & 077) != 0)
        return Error::environment("the signing key " + file.string() +
                                      " can be accessed by other users (mode " +
                                      mode_text(st.st_mode) + "); fairdraw refuses to use it",
                                  "make it owner-only with 'chmod 600 " + file.string() +
                                      "', and consider the key exposed if others could read it");
    return {};
}

Status SigningKey::save(const fs::path& file, std::string_view passphrase) const {
    BIO* bio = BIO_new(BIO_s_secmem());
    if (bio == nullptr) return Error::environment("OpenSSL could not allocate memory for the key");
    bool ok = false;
    if (passphrase.empty()) {
        ok =
            PEM_write_bio_PrivateKey(bio, m_impl->pkey, nullptr, nullptr, 0, nullptr, nullptr) == 1;
    } else {
        PKCS8_PRIV_KEY_INFO* p8 = EVP_PKEY2PKCS8(m_impl->pkey);
        X509_ALGOR* pbe = PKCS5_pbe2_set_scrypt(EVP_aes_256_cbc(), nullptr, 0, nullptr, k_scrypt_n,
                                                k_scrypt_r, k_scrypt_p);
        X509_SIG* sealed =
            (p8 != nullptr && pbe != nullptr)
                ? PKCS8_set0_pbe(passphrase.data(), static_cast<int>(passphrase.size()), p8, pbe)
                : nullptr;
        if (sealed == nullptr) X509_ALGOR_free(pbe);  // on success the sealed key owns it
        ok = sealed != nullptr && PEM_write_bio_PKCS8(bio, sealed) == 1;
        X509_SIG_free(sealed);
        PKCS8_PRIV_KEY_INFO_free(p8);
    }
    Status status;
    if (!ok) {
        status = Error::environment("OpenSSL could not encode the signing key");
    } else {
        char* data = nullptr;
        long size = BIO_get_mem_data(bio, &data);
        status = write_new_file(file, data, static_cast<std::size_t>(size));
    }
    BIO_free(bio);  // a secure-memory BIO wipes its buffer
    ERR_clear_error();
    return status;
}

Result<SigningKey> SigningKey::load(const fs::path& file, std::string name,
                                    std::string_view passphrase) {
    FD_TRY(check_private_key_file(file));
    std::string pem;
    Wipe wipe{pem};
    {
        std::ifstream in(file, std::ios::binary);
        if (!in) return Error::environment("cannot open the signing key " + file.string());
        pem.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    bool encrypted = pem.find(k_encrypted_pem_label) != std::string::npos;
    if (encrypted && passphrase.empty())
        return Error::bad_input(
            "the signing key " + file.string() + " is encrypted and no passphrase was given",
            "give it with --passphrase-file FILE or the environment variable FAIRDRAW_PASSPHRASE");
    BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
    if (bio == nullptr) return Error::environment("OpenSSL could not allocate memory for the key");
    std::string_view pass = passphrase;
    EVP_PKEY* pkey = PEM_read_bio_PrivateKey(bio, nullptr, passphrase_callback, &pass);
    BIO_free(bio);
    ERR_clear_error();
    if (pkey == nullptr) {
        if (encrypted)
            return Error::bad_input("the passphrase does not open the signing key " + file.string(),
                                    "check --passphrase-file or FAIRDRAW_PASSPHRASE");
        return Error::environment("the signing key " + file.string() + " is not a PEM private key");
    }
    return Impl::adopt(pkey, std::move(name));
}

}  // namespace fairdraw
