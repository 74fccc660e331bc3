#pragma once
// The HTML report: the XML report (to_report_xml) turned into a page by an XSLT 1.0 stylesheet, ours
// or one given with --xslt, as the official verifier does. libxslt applies it; a stylesheet may read
// local files (xsl:include, document()) but not the network, and may not write files.

#include <expected>
#include <memory>
#include <string>

namespace pact::verifier {

class html_stylesheet {
public:
    // Ours: one self-contained page (inline CSS, no scripts) listing each pact, each interaction with its
    // outcome (passed, failed, failed but pending) and each mismatch in words.
    [[nodiscard]] static std::expected<html_stylesheet, std::string> built_in();
    // A stylesheet file; an error names the file and what libxml2 or libxslt found wrong.
    [[nodiscard]] static std::expected<html_stylesheet, std::string> from_file(const std::string& file);

    // Applies the stylesheet to an XML report. Not thread-safe (libxml2's error reporting is global).
    [[nodiscard]] std::expected<std::string, std::string> render(const std::string& report_xml) const;

private:
    struct compiled;
    explicit html_stylesheet(std::shared_ptr<const compiled> stylesheet) : compiled_(std::move(stylesheet)) {}
    std::shared_ptr<const compiled> compiled_;
};

}  // namespace pact::verifier
