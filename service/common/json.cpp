#include "common/json.hpp"

#include <algorithm>
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

std::string escape_pointer_token(std::string_view token) {
  std::string out;
  for (char c : token) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

namespace {

void diff_into(const boost::json::value& a, const boost::json::value& b, const std::string& path,
               std::vector<Change>& out) {
  if (a.is_object() && b.is_object()) {
    const auto &oa = a.get_object(), &ob = b.get_object();
    for (const auto& kv : oa) {
      std::string p = path + "/" + escape_pointer_token(kv.key());
      if (const auto* other = ob.if_contains(kv.key()))
        diff_into(kv.value(), *other, p, out);
      else
        out.push_back({p, "removed", kv.value(), nullptr});
    }
    for (const auto& kv : ob)
      if (!oa.contains(kv.key()))
        out.push_back({path + "/" + escape_pointer_token(kv.key()), "added", nullptr, kv.value()});
    return;
  }
  if (a.is_array() && b.is_array()) {
    const auto &aa = a.get_array(), &ab = b.get_array();
    for (std::size_t i = 0; i < std::max(aa.size(), ab.size()); ++i) {
      std::string p = path + "/" + std::to_string(i);
      if (i >= ab.size())
        out.push_back({p, "removed", aa[i], nullptr});
      else if (i >= aa.size())
        out.push_back({p, "added", nullptr, ab[i]});
      else
        diff_into(aa[i], ab[i], p, out);
    }
    return;
  }
  if (a != b) out.push_back({path, "changed", a, b});
}
}  // namespace

std::vector<Change> diff(const boost::json::value& a, const boost::json::value& b) {
  std::vector<Change> out;
  diff_into(a, b, "", out);
  return out;
}

}  // namespace sopan::json_util
