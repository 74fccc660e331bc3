#include "verifier/html_report.hpp"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include <cstdarg>
#include <cstdio>

namespace pact::verifier {
namespace {

// Reads <report>/<pacts> (to_report_xml); every value goes through xsl:value-of, so text from pacts and
// providers is escaped by the serializer.
constexpr std::string_view built_in_stylesheet = R"xslt(<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="html" encoding="UTF-8" doctype-system="about:legacy-compat" indent="yes"/>

  <xsl:template match="/report">
    <html lang="en">
      <head>
        <!-- libxslt's html output method adds the meta element declaring UTF-8. -->
        <title>Pact verification of <xsl:value-of select="provider"/></title>
        <style>
          body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
          h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 2em; }
          table { border-collapse: collapse; width: 100%; }
          th, td { text-align: left; vertical-align: top; padding: .4em .6em; border-bottom: 1px solid #ddd; }
          .source, .states, .time { color: #666; font-size: .9em; }
          .outcome { font-weight: bold; white-space: nowrap; }
          .passed { color: #1a7f37; } .failed { color: #cf222e; } .pending { color: #9a6700; }
          ul.mismatches { margin: .4em 0; padding-left: 1.2em; }
          code { background: #f4f4f4; padding: 0 .2em; white-space: pre-wrap; word-break: break-all; }
          .error { color: #cf222e; margin: .4em 0; }
        </style>
      </head>
      <body>
        <h1>Pact verification of <xsl:value-of select="provider"/></h1>
        <p>
          <xsl:choose>
            <xsl:when test="result = 'true'"><span class="outcome passed">Verified</span></xsl:when>
            <xsl:otherwise><span class="outcome failed">Failed</span></xsl:otherwise>
          </xsl:choose>
          <xsl:text>: </xsl:text>
          <xsl:value-of select="pacts/@interactions"/> interaction<xsl:if test="pacts/@interactions != 1">s</xsl:if> verified in <xsl:value-of select="pacts/@duration"/> s,
          <xsl:value-of select="pacts/@failures"/> failed<xsl:if test="pacts/@pending_failures &gt; 0">
            (<xsl:value-of select="pacts/@pending_failures"/> of them pending, not failing the run)</xsl:if>.
          <xsl:if test="pacts/@not_run &gt; 0">
            <xsl:value-of select="pacts/@not_run"/> interaction<xsl:if test="pacts/@not_run != 1">s</xsl:if> not verified: the run stopped at the first failure.
          </xsl:if>
        </p>
        <xsl:apply-templates select="pacts/pact"/>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="pact">
    <section>
      <h2>
        <xsl:value-of select="@consumer"/> &#8594; <xsl:value-of select="@provider"/>
        <xsl:if test="@pending = 'true'"> <span class="pending"> (pending)</span></xsl:if>
      </h2>
      <xsl:if test="@source != ''"><p class="source"><xsl:value-of select="@source"/></p></xsl:if>
      <xsl:choose>
        <xsl:when test="interaction">
          <table>
            <thead><tr><th>Interaction</th><th>Result</th><th>Time</th></tr></thead>
            <tbody><xsl:apply-templates select="interaction"/></tbody>
          </table>
        </xsl:when>
        <xsl:otherwise><p>No interactions verified.</p></xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template match="interaction">
    <tr>
      <td>
        <xsl:value-of select="@description"/>
        <xsl:if test="provider_state">
          <div class="states">given <xsl:for-each select="provider_state">
            <xsl:if test="position() &gt; 1"> and </xsl:if><xsl:value-of select="."/></xsl:for-each>
          </div>
        </xsl:if>
        <xsl:if test="error"><p class="error"><xsl:value-of select="error"/></p></xsl:if>
        <xsl:if test="mismatch">
          <ul class="mismatches">
            <xsl:for-each select="mismatch">
              <li>
                <xsl:value-of select="description"/>
                <xsl:if test="expected or actual">
                  <div>expected <code><xsl:value-of select="expected"/></code>,
                    actual <code><xsl:value-of select="actual"/></code></div>
                </xsl:if>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:if>
      </td>
      <td>
        <xsl:choose>
          <xsl:when test="@result = 'OK'"><span class="outcome passed">passed</span></xsl:when>
          <xsl:when test="@pending = 'true'"><span class="outcome pending">failed (pending)</span></xsl:when>
          <xsl:otherwise><span class="outcome failed">failed</span></xsl:otherwise>
        </xsl:choose>
      </td>
      <td class="time"><xsl:value-of select="@duration"/></td>
    </tr>
  </xsl:template>
</xsl:stylesheet>
)xslt";

// libxml2 and libxslt report errors through global handlers: while one of these lives, what they say is
// collected instead of printed.
class collected_errors {
public:
    collected_errors() {
        xmlSetGenericErrorFunc(this, &collect);
        xsltSetGenericErrorFunc(this, &collect);
    }
    ~collected_errors() {
        xmlSetGenericErrorFunc(nullptr, nullptr);
        xsltSetGenericErrorFunc(nullptr, nullptr);
    }
    collected_errors(const collected_errors&) = delete;
    collected_errors& operator=(const collected_errors&) = delete;

    // "what went wrong" with what the libraries said, on one line.
    [[nodiscard]] std::string said(const std::string& what) const {
        std::string text = what;
        std::string details = text_;
        while (!details.empty() && (details.back() == '\n' || details.back() == ' ')) details.pop_back();
        for (auto& character : details) {
            if (character == '\n') character = ' ';
        }
        if (!details.empty()) text += ": " + details;
        return text;
    }

private:
    static void collect(void* context, const char* format, ...) {
        char buffer[1024];
        va_list arguments;
        va_start(arguments, format);
        std::vsnprintf(buffer, sizeof buffer, format, arguments);
        va_end(arguments);
        static_cast<collected_errors*>(context)->text_ += buffer;
    }

    std::string text_;
};

struct document_deleter {
    void operator()(xmlDoc* document) const { xmlFreeDoc(document); }
};
using document_pointer = std::unique_ptr<xmlDoc, document_deleter>;

}  // namespace

struct html_stylesheet::compiled {
    xsltStylesheetPtr stylesheet = nullptr;
    explicit compiled(xsltStylesheetPtr parsed) : stylesheet(parsed) {}
    ~compiled() { xsltFreeStylesheet(stylesheet); }
    compiled(const compiled&) = delete;
    compiled& operator=(const compiled&) = delete;
};

namespace {

// Takes the document (the stylesheet owns it once parsed).
[[nodiscard]] std::expected<xsltStylesheetPtr, std::string> parse_stylesheet(document_pointer document,
                                                                            const collected_errors& errors,
                                                                            const std::string& name) {
    if (!document) return std::unexpected(errors.said(name + " is not well-formed XML"));
    xsltStylesheetPtr parsed = xsltParseStylesheetDoc(document.get());
    if (parsed == nullptr) return std::unexpected(errors.said(name + " is not an XSLT stylesheet"));
    static_cast<void>(document.release());
    return parsed;
}

}  // namespace

std::expected<html_stylesheet, std::string> html_stylesheet::built_in() {
    const collected_errors errors;
    document_pointer document(xmlReadMemory(built_in_stylesheet.data(), static_cast<int>(built_in_stylesheet.size()),
                                            "built-in.xsl", nullptr, XML_PARSE_NONET));
    auto parsed = parse_stylesheet(std::move(document), errors, "the built-in stylesheet");
    if (!parsed) return std::unexpected(parsed.error());
    return html_stylesheet(std::make_shared<const compiled>(*parsed));
}

std::expected<html_stylesheet, std::string> html_stylesheet::from_file(const std::string& file) {
    const collected_errors errors;
    // From the file, not its text, so that xsl:include and xsl:import resolve beside it.
    document_pointer document(xmlReadFile(file.c_str(), nullptr, XML_PARSE_NONET));
    auto parsed = parse_stylesheet(std::move(document), errors, file);
    if (!parsed) return std::unexpected(parsed.error());
    return html_stylesheet(std::make_shared<const compiled>(*parsed));
}

std::expected<std::string, std::string> html_stylesheet::render(const std::string& report_xml) const {
    const collected_errors errors;
    document_pointer report(xmlReadMemory(report_xml.data(), static_cast<int>(report_xml.size()), "report.xml", nullptr,
                                          XML_PARSE_NONET));
    if (!report) return std::unexpected(errors.said("the XML report cannot be read"));

    std::unique_ptr<xsltSecurityPrefs, decltype(&xsltFreeSecurityPrefs)> security(xsltNewSecurityPrefs(),
                                                                                  &xsltFreeSecurityPrefs);
    for (const auto option : {XSLT_SECPREF_WRITE_FILE, XSLT_SECPREF_CREATE_DIRECTORY, XSLT_SECPREF_READ_NETWORK,
                              XSLT_SECPREF_WRITE_NETWORK}) {
        xsltSetSecurityPrefs(security.get(), option, xsltSecurityForbid);
    }
    std::unique_ptr<xsltTransformContext, decltype(&xsltFreeTransformContext)> context(
        xsltNewTransformContext(compiled_->stylesheet, report.get()), &xsltFreeTransformContext);
    if (!context || xsltSetCtxtSecurityPrefs(security.get(), context.get()) != 0) {
        return std::unexpected(errors.said("the stylesheet cannot be applied"));
    }
    document_pointer page(
        xsltApplyStylesheetUser(compiled_->stylesheet, report.get(), nullptr, nullptr, nullptr, context.get()));
    if (!page || context->state != XSLT_STATE_OK) return std::unexpected(errors.said("the stylesheet failed"));

    xmlChar* text = nullptr;
    int length = 0;
    if (xsltSaveResultToString(&text, &length, page.get(), compiled_->stylesheet) != 0) {
        return std::unexpected(errors.said("the HTML report cannot be written out"));
    }
    std::string html = text == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(length));
    xmlFree(text);
    return html;
}

}  // namespace pact::verifier
