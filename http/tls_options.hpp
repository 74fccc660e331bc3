#pragma once
// How https connections trust servers. By default: the system trust store (which OpenSSL reads from
// SSL_CERT_FILE / SSL_CERT_DIR when they are set) and a check that the certificate names the host.

#include <string>

namespace pact::http {

struct tls_options {
    bool verify_certificates = true;      // false: any certificate is accepted (--insecure-tls)
    bool use_default_trust_store = true;  // the system's, or SSL_CERT_FILE / SSL_CERT_DIR
    std::string certificate_file;         // PEM CA certificates trusted as well (--ssl-certificate)
    // Appended to a certificate failure, so that the message names the caller's own flag:
    // "or use --insecure-tls to skip verification".
    std::string how_to_skip_verification = "or turn certificate verification off";
};

}  // namespace pact::http
