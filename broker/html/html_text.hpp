#pragma once
// Writing HTML safely: every piece of user input (pacticipant names, versions, pact content) goes
// through escape_html before it reaches a page, and the page frame (stylesheet, navigation) is built
// in one place so every page looks the same and needs nothing from the network.

#include <string>
#include <string_view>

namespace pact::broker::html {

// Text for an element's content or a quoted attribute value: & < > " ' replaced by entities.
[[nodiscard]] std::string escape_html(std::string_view text);

// A link: <a href="…">text</a>, both escaped.
[[nodiscard]] std::string link_to(std::string_view href, std::string_view text);

// A complete document: <!doctype html>, the title, the embedded stylesheet, the navigation bar with
// links rooted at `base_url`, and `body` (already HTML) inside <main>.
[[nodiscard]] std::string html_document(std::string_view title, std::string_view base_url, std::string_view body);

// A timestamp as stored ("2026-11-25T10:01:02+00:00") shown shorter ("2026-11-25 10:01").
[[nodiscard]] std::string readable_time(std::string_view timestamp);

}  // namespace pact::broker::html
