// A JSON request body through parsing (json_body: limits, control characters) and validation
// against one of the schemas, chosen by the first byte. Every answer must be valid UTF-8 JSON
// naming its fields. A SOP that passes is drawn as the flowchart: one step group per step on
// its pages, whatever its ids and texts hold (nothing in them opens an element of its own).
#include <boost/json/serialize.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "api/routes.hpp"
#include "common/text.hpp"
#include "domain/flowchart.hpp"
#include "fuzz_support.hpp"

namespace {
constexpr std::string_view kSchemas[] = {"account.request",
                                         "action.request",
                                         "comment-update.request",
                                         "comment.request",
                                         "evaluation.request",
                                         "login.request",
                                         "monitoring.request",
                                         "org-import.request",
                                         "password.request",
                                         "render-sop.request",
                                         "save-draft.request",
                                         "sop-steps-import.request",
                                         "sop"};

void check_answer(const sopan::Error& e) {
  // An error answer is serialised as JSON: every string in it must be valid UTF-8.
  if (!sopan::text::is_valid_utf8(e.message)) std::abort();
  if (!e.details.is_array()) return;
  for (const auto& d : e.details.get_array())
    for (const auto& kv : d.as_object())
      if (kv.value().is_string() && !sopan::text::is_valid_utf8(kv.value().get_string()))
        std::abort();
}

std::size_t occurrences(const std::string& text, std::string_view what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

/// The flowchart of a valid SOP: every step in exactly one group, and no markup from its words.
void check_flowchart(const boost::json::value& doc) {
  const sopan::domain::Sop sop = sopan::domain::Sop::from_json(doc);
  std::vector<std::string> names;
  for (const auto& a : sop.actors) names.push_back(a.external.empty() ? a.position : a.external);
  const auto chart = sopan::domain::layout_flowchart(sop, names, {3});
  std::size_t groups = 0;
  for (const auto& svg : sopan::domain::render_svg(sop, chart)) {
    groups += occurrences(svg, "<g ");
    if (occurrences(svg, "<svg") != 1 || svg.find("<script") != std::string::npos) std::abort();
  }
  if (groups != sop.steps.size()) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const auto& ctx = sopan::fuzz::context();
  std::string_view schema = kSchemas[data[0] % std::size(kSchemas)];
  sopan::api::Request req;
  req.method = "POST";
  req.headers.emplace("content-type", "application/json");
  req.body.assign(reinterpret_cast<const char*>(data + 1), size - 1);
  auto body = sopan::api::validated_body(ctx, req, schema);
  if (!body) {
    check_answer(body.error());
    return 0;
  }
  // The two bodies that carry a whole SOP are validated again, document against "sop".
  if (schema == "save-draft.request" || schema == "render-sop.request") {
    const auto& doc = body->as_object().at("document");
    if (auto s = ctx.schemas.validate("sop", doc, "/document"); !s)
      check_answer(s.error());
    else
      check_flowchart(doc);
  } else if (schema == "sop") {
    check_flowchart(*body);
  }
  return 0;
}
