#include "common/json.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace sopan::json_util {

Result<boost::json::value> parse(std::string_view text) {
  boost::json::parse_options opts;
  opts.max_depth = kMaxDepth;
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(text, ec, {}, opts);
  if (ec) {
    std::string why =
        ec == boost::json::error::too_deep
            ? "struktur JSON terlalu dalam (maksimal " + std::to_string(kMaxDepth) + " tingkat)"
            : "JSON tidak dapat dibaca";
    return field_error(Errc::kInvalidArgument, "Isi permintaan bukan JSON yang valid", "", why);
  }
  return v;
}

namespace {
void indent(std::string& out, int depth) { out.append(static_cast<std::size_t>(depth) * 2, ' '); }

void pretty_into(std::string& out, const boost::json::value& v, int depth) {
  if (v.is_object()) {
    const auto& o = v.get_object();
    if (o.empty()) {
      out += "{}";
      return;
    }
    out += "{\n";
    bool first = true;
    for (const auto& kv : o) {
      if (!first) out += ",\n";
      first = false;
      indent(out, depth + 1);
      out += boost::json::serialize(boost::json::string_view(kv.key()));
      out += ": ";
      pretty_into(out, kv.value(), depth + 1);
    }
    out += "\n";
    indent(out, depth);
    out += "}";
  } else if (v.is_array()) {
    const auto& a = v.get_array();
    if (a.empty()) {
      out += "[]";
      return;
    }
    out += "[\n";
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (i) out += ",\n";
      indent(out, depth + 1);
      pretty_into(out, a[i], depth + 1);
    }
    out += "\n";
    indent(out, depth);
    out += "]";
  } else {
    out += boost::json::serialize(v);
  }
}
}  // namespace

std::string pretty(const boost::json::value& v) {
  std::string out;
  pretty_into(out, v, 0);
  out += "\n";
  return out;
}

std::optional<std::string_view> string_field(const boost::json::object& o, std::string_view key) {
  auto it = o.find(key);
  if (it == o.end() || !it->value().is_string()) return std::nullopt;
  return std::string_view(it->value().get_string());
}

}  // namespace sopan::json_util
