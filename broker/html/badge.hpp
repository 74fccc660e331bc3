#pragma once
// Status badges as SVG images (shields.io style: a grey label, a coloured message), for READMEs and
// dashboards: the verification state of the latest pact, and the can-i-deploy answer.

#include <optional>
#include <string>
#include <string_view>

namespace pact::broker::html {

enum class badge_state { success, failure, unknown };

// true → success, false → failure, nullopt → unknown.
[[nodiscard]] badge_state badge_state_of(std::optional<bool> outcome);

// A self-contained SVG document. Label and message are escaped.
[[nodiscard]] std::string render_badge(std::string_view label, std::string_view message, badge_state state);

// "payment-service/order-service pact" | "verified" / "failed" / "unknown".
[[nodiscard]] std::string render_pact_badge(std::string_view consumer, std::string_view provider, std::optional<bool> verified);
// "can-i-deploy to production" | "yes" / "no" / "unknown".
[[nodiscard]] std::string render_can_i_deploy_badge(std::string_view environment, std::optional<bool> deployable);

inline constexpr std::string_view svg_content_type = "image/svg+xml;charset=utf-8";

}  // namespace pact::broker::html
