// The editor's live check (POST /api/v1/render/sop) over HTTP: the document being edited names
// itself by id, so its own number is not "already used by another SOP", while another
// document's number still is.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "demo_server.hpp"
#include "http_client.hpp"

namespace sopan {
namespace {
using sopan::testing::HttpClient;
using sopan::testing::HttpReply;
namespace json = boost::json;

class EditorRenderTest : public sopan::testing::DemoServerTest {
 protected:
  void SetUp() override {
    DemoServerTest::SetUp();
    start();
    penyusun = signed_in("penyusun");
  }

  std::string create(const json::object& doc) {
    auto created =
        penyusun->request("POST", "/api/v1/sops", json::serialize(json::object{{"document", doc}}));
    EXPECT_EQ(created.status, 201) << created.body;
    return std::string(json::parse(created.body).at("id").as_string());
  }

  HttpReply render(const json::object& doc, const std::string& id) {
    json::object body{{"document", doc}};
    if (!id.empty()) body["id"] = id;
    return penyusun->request("POST", "/api/v1/render/sop", json::serialize(body));
  }

  /// The codes of the problems a render answer reports.
  static std::vector<std::string> codes(const HttpReply& r) {
    std::vector<std::string> out;
    const json::value answer = json::parse(r.body);
    for (const auto& p : answer.at("problems").as_array())
      out.emplace_back(p.at("code").as_string());
    return out;
  }

  std::unique_ptr<HttpClient> penyusun;
};

TEST_F(EditorRenderTest, ADocumentsOwnNumberIsNotADuplicateOfItself) {
  const std::string unit = unit_id("2.16");
  json::object mine =
      sopan::testing::minimal_sop("800/31/Diskominfo/2026", "Peminjaman Ruang", unit);
  json::object other =
      sopan::testing::minimal_sop("800/32/Diskominfo/2026", "Peminjaman Kendaraan", unit);
  const std::string mine_id = create(mine);
  const std::string other_id = create(other);
  const std::string duplicate = "sop.number.duplicate";

  // Loading the editor on its own document: no false duplicate.
  auto own = render(mine, mine_id);
  ASSERT_EQ(own.status, 200) << own.body;
  auto found = codes(own);
  EXPECT_EQ(std::count(found.begin(), found.end(), duplicate), 0) << own.body;
  // Without the id (a new SOP) the same number is someone else's.
  auto anonymous = render(mine, "");
  ASSERT_EQ(anonymous.status, 200) << anonymous.body;
  found = codes(anonymous);
  EXPECT_EQ(std::count(found.begin(), found.end(), duplicate), 1) << anonymous.body;
  EXPECT_NE(anonymous.body.find("/number"), std::string::npos) << anonymous.body;

  // Typing another document's number into this one is still reported.
  json::object copied = mine;
  copied["number"] = other["number"];
  auto taken = render(copied, mine_id);
  ASSERT_EQ(taken.status, 200) << taken.body;
  found = codes(taken);
  EXPECT_EQ(std::count(found.begin(), found.end(), duplicate), 1) << taken.body;
  // ... and by the other document, its own number is not.
  auto theirs = render(copied, other_id);
  found = codes(theirs);
  EXPECT_EQ(std::count(found.begin(), found.end(), duplicate), 0) << theirs.body;

  // The id is validated: not a ULID is a 422 naming /id.
  auto bad = render(mine, "bukan-ulid");
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_NE(bad.body.find("/id"), std::string::npos) << bad.body;
}

// Every step's row and symbol is one group named by the step's id and number, in the editor's
// preview, the document's flowchart and its print alike: the screens mark a changed step there.
TEST_F(EditorRenderTest, EachStepIsAGroupNamedByItsIdAndNumberOnEveryPage) {
  json::object doc = sopan::testing::minimal_sop("800/33/Diskominfo/2026", "Peminjaman Proyektor",
                                                 unit_id("2.16"));
  auto groups = [](const std::string& svg) {
    std::vector<std::string> out;
    const std::string open = "<g class=\"step\" data-step=\"";
    for (auto at = svg.find(open); at != std::string::npos; at = svg.find(open, at + 1))
      out.push_back(svg.substr(at + open.size(), svg.find('>', at) - at - open.size()));
    return out;
  };
  const std::vector<std::string> want = {"1\" data-no=\"1\"", "2\" data-no=\"2\"",
                                         "3\" data-no=\"3\""};
  // The preview, two steps a page.
  json::object body{{"document", doc}, {"steps_per_page", 2}};
  auto preview = penyusun->request("POST", "/api/v1/render/sop", json::serialize(body));
  ASSERT_EQ(preview.status, 200) << preview.body;
  std::vector<std::string> seen;
  const json::value pages = json::parse(preview.body);
  for (const auto& page : pages.at("pages").as_array())
    for (auto& g : groups(std::string(page.as_string()))) seen.push_back(std::move(g));
  EXPECT_EQ(seen, want);
  // The stored draft's flowchart and its print.
  const std::string id = create(doc);
  auto svg = penyusun->request("GET", "/api/v1/sops/" + id + "/flowchart.svg?version=draft");
  ASSERT_EQ(svg.status, 200) << svg.body;
  EXPECT_EQ(groups(svg.body), want);
  auto print = penyusun->request("GET", "/api/v1/sops/" + id + "/print?version=draft");
  ASSERT_EQ(print.status, 200) << print.body;
  EXPECT_EQ(groups(print.body), want);
}

}  // namespace
}  // namespace sopan
