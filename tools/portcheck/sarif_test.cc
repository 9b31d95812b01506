// SARIF 2.1.0 output checked against the schema (sarif-schema-2.1.0.json of
// the OASIS standard), written out here for the objects portcheck emits:
// each object's required properties, the only properties it may have (the
// schema sets additionalProperties to false), and each value's type, enum
// and bounds. No network: the schema's rules are code.
#include <set>
#include <string>

#include "gtest/gtest.h"
#include "tools/portcheck/json_for_test.h"
#include "tools/portcheck/portcheck.h"

namespace vzsim::portcheck {
namespace {

using testing::Json;
using Keys = std::set<std::string>;

class SarifSchema {
 public:
  // The problems found in a whole document; empty when it is valid.
  std::vector<std::string> Check(const std::string& text) {
    Json doc;
    testing::JsonReader reader;
    if (!reader.Parse(text, &doc)) return {"not JSON: " + reader.error()};
    Log(doc);
    return problems_;
  }

 private:
  void Problem(const std::string& path, const std::string& what) {
    problems_.push_back(path + ": " + what);
  }

  bool Object(const Json& v, const std::string& path, const Keys& allowed,
              const Keys& required) {
    if (v.kind != Json::kObject) {
      Problem(path, "not an object");
      return false;
    }
    for (const auto& [key, value] : v.object) {
      if (!allowed.count(key)) Problem(path, "property not allowed: " + key);
    }
    for (const std::string& key : required) {
      if (!v.object.count(key)) Problem(path, "missing " + key);
    }
    return true;
  }
  void String(const Json& v, const std::string& path) {
    if (v.kind != Json::kString) Problem(path, "not a string");
  }
  void Integer(const Json& v, const std::string& path, double min) {
    if (v.kind != Json::kNumber || !v.integer) {
      Problem(path, "not an integer");
    } else if (v.number < min) {
      Problem(path, "below its minimum");
    }
  }
  void Level(const Json& v, const std::string& path) {
    static const Keys kLevels = {"none", "note", "warning", "error"};
    if (v.kind != Json::kString || !kLevels.count(v.string)) {
      Problem(path, "not a level");
    }
  }
  // RFC 3986: reserved and unreserved characters, %-escapes.
  void UriReference(const Json& v, const std::string& path) {
    String(v, path);
    const std::string ok =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
        "-._~:/?#[]@!$&'()*+,;=";
    for (size_t i = 0; i < v.string.size(); ++i) {
      const char c = v.string[i];
      if (c == '%' && i + 2 < v.string.size() &&
          std::isxdigit(v.string[i + 1]) && std::isxdigit(v.string[i + 2])) {
        i += 2;
      } else if (ok.find(c) == std::string::npos) {
        Problem(path, "not a URI reference: " + v.string);
        return;
      }
    }
  }
  template <typename F>
  void Array(const Json& v, const std::string& path, F each) {
    if (v.kind == Json::kNull) return;  // the schema allows null arrays
    if (v.kind != Json::kArray) return Problem(path, "not an array");
    for (size_t k = 0; k < v.array.size(); ++k) {
      each(v.array[k], path + "[" + std::to_string(k) + "]");
    }
  }
  void Text(const Json& v, const std::string& path) {  // multiformatMessage
    if (Object(v, path, {"text", "markdown", "properties"}, {"text"})) {
      String(v.object.at("text"), path + ".text");
    }
  }

  void Log(const Json& v) {
    if (!Object(v, "$",
                {"$schema", "version", "runs", "inlineExternalProperties",
                 "properties"},
                {"version", "runs"})) {
      return;
    }
    if (v.object.count("$schema"))
      UriReference(v.object.at("$schema"), "$schema");
    if (v.object.count("version") && v.object.at("version").string != "2.1.0") {
      Problem("$.version", "not 2.1.0");
    }
    if (v.object.count("runs")) {
      Array(v.object.at("runs"), "$.runs",
            [&](const Json& r, const std::string& p) { Run(r, p); });
    }
  }
  void Run(const Json& v, const std::string& path);
  void Driver(const Json& v, const std::string& path);
  void Rule(const Json& v, const std::string& path);
  void Result(const Json& v, const std::string& path);
  void Location(const Json& v, const std::string& path);

  std::vector<std::string> problems_;
  std::vector<std::string> rule_ids_;
};

void SarifSchema::Run(const Json& v, const std::string& path) {
  static const Keys kRun = {"tool",
                            "invocations",
                            "conversion",
                            "language",
                            "versionControlProvenance",
                            "originalUriBaseIds",
                            "artifacts",
                            "logicalLocations",
                            "graphs",
                            "results",
                            "automationDetails",
                            "runAggregates",
                            "baselineGuid",
                            "redactionTokens",
                            "defaultEncoding",
                            "defaultSourceLanguage",
                            "newlineSequences",
                            "columnKind",
                            "externalPropertyFileReferences",
                            "threadFlowLocations",
                            "taxonomies",
                            "addresses",
                            "translations",
                            "policies",
                            "webRequests",
                            "webResponses",
                            "specialLocations",
                            "properties"};
  if (!Object(v, path, kRun, {"tool"}) || !v.object.count("tool")) return;
  const Json& tool = v.object.at("tool");
  if (Object(tool, path + ".tool", {"driver", "extensions", "properties"},
             {"driver"}) &&
      tool.object.count("driver")) {
    Driver(tool.object.at("driver"), path + ".tool.driver");
  }
  if (v.object.count("results")) {
    Array(v.object.at("results"), path + ".results",
          [&](const Json& r, const std::string& p) { Result(r, p); });
  }
}

void SarifSchema::Driver(const Json& v, const std::string& path) {
  static const Keys kToolComponent = {
      "guid",
      "name",
      "organization",
      "product",
      "productSuite",
      "shortDescription",
      "fullDescription",
      "fullName",
      "version",
      "semanticVersion",
      "dottedQuadFileVersion",
      "releaseDateUtc",
      "downloadUri",
      "informationUri",
      "globalMessageStrings",
      "notifications",
      "rules",
      "taxa",
      "locations",
      "language",
      "contents",
      "isComprehensive",
      "localizedDataSemanticVersion",
      "minimumRequiredLocalizedDataSemanticVersion",
      "associatedComponent",
      "translationMetadata",
      "supportedTaxonomies",
      "properties"};
  if (!Object(v, path, kToolComponent, {"name"})) return;
  if (v.object.count("name")) String(v.object.at("name"), path + ".name");
  if (v.object.count("rules")) {
    Array(v.object.at("rules"), path + ".rules",
          [&](const Json& r, const std::string& p) { Rule(r, p); });
  }
}

void SarifSchema::Rule(const Json& v, const std::string& path) {
  static const Keys kDescriptor = {"id",
                                   "deprecatedIds",
                                   "guid",
                                   "deprecatedGuids",
                                   "name",
                                   "deprecatedNames",
                                   "shortDescription",
                                   "fullDescription",
                                   "messageStrings",
                                   "defaultConfiguration",
                                   "helpUri",
                                   "help",
                                   "relationships",
                                   "properties"};
  if (!Object(v, path, kDescriptor, {"id"}) || !v.object.count("id")) return;
  String(v.object.at("id"), path + ".id");
  for (const std::string& id : rule_ids_) {
    if (id == v.object.at("id").string) Problem(path, "duplicate rule id");
  }
  rule_ids_.push_back(v.object.at("id").string);
  if (v.object.count("name")) String(v.object.at("name"), path + ".name");
  for (const char* text : {"shortDescription", "fullDescription", "help"}) {
    if (v.object.count(text)) Text(v.object.at(text), path + "." + text);
  }
  if (v.object.count("defaultConfiguration")) {
    const Json& c = v.object.at("defaultConfiguration");
    if (Object(c, path + ".defaultConfiguration",
               {"enabled", "level", "rank", "parameters", "properties"}, {}) &&
        c.object.count("level")) {
      Level(c.object.at("level"), path + ".defaultConfiguration.level");
    }
  }
}

void SarifSchema::Result(const Json& v, const std::string& path) {
  static const Keys kResult = {"ruleId",
                               "ruleIndex",
                               "rule",
                               "kind",
                               "level",
                               "message",
                               "analysisTarget",
                               "locations",
                               "guid",
                               "correlationGuid",
                               "occurrenceCount",
                               "partialFingerprints",
                               "fingerprints",
                               "stacks",
                               "codeFlows",
                               "graphs",
                               "graphTraversals",
                               "relatedLocations",
                               "suppressions",
                               "baselineState",
                               "rank",
                               "attachments",
                               "hostedViewerUri",
                               "workItemUris",
                               "provenance",
                               "fixes",
                               "taxa",
                               "webRequest",
                               "webResponse",
                               "properties"};
  if (!Object(v, path, kResult, {"message"})) return;
  const Json& m = v.object.count("message") ? v.object.at("message") : Json{};
  if (v.object.count("message") &&
      Object(m, path + ".message",
             {"text", "markdown", "id", "arguments", "properties"}, {})) {
    if (!m.object.count("text") && !m.object.count("id")) {
      Problem(path + ".message", "neither text nor id");
    }
    if (m.object.count("text")) String(m.object.at("text"), path + ".message");
  }
  if (v.object.count("level")) Level(v.object.at("level"), path + ".level");
  if (v.object.count("ruleId")) String(v.object.at("ruleId"), path + ".ruleId");
  if (v.object.count("ruleIndex")) {
    const Json& index = v.object.at("ruleIndex");
    Integer(index, path + ".ruleIndex", -1);
    const int k = static_cast<int>(index.number);
    if (k >= 0 &&
        (k >= static_cast<int>(rule_ids_.size()) || !v.object.count("ruleId") ||
         rule_ids_[k] != v.object.at("ruleId").string)) {
      Problem(path + ".ruleIndex", "does not name the rule of ruleId");
    }
  }
  if (v.object.count("properties") &&
      v.object.at("properties").kind != Json::kObject) {
    Problem(path + ".properties", "not a property bag");
  }
  if (v.object.count("locations")) {
    Array(v.object.at("locations"), path + ".locations",
          [&](const Json& l, const std::string& p) { Location(l, p); });
  }
}

void SarifSchema::Location(const Json& v, const std::string& path) {
  if (!Object(v, path,
              {"id", "physicalLocation", "logicalLocations", "message",
               "annotations", "relationships", "properties"},
              {})) {
    return;
  }
  if (v.object.count("physicalLocation")) {
    const Json& p = v.object.at("physicalLocation");
    const std::string pp = path + ".physicalLocation";
    if (Object(p, pp,
               {"address", "artifactLocation", "region", "contextRegion",
                "properties"},
               {"artifactLocation"})) {
      if (p.object.count("artifactLocation")) {
        const Json& a = p.object.at("artifactLocation");
        if (Object(a, pp + ".artifactLocation",
                   {"uri", "uriBaseId", "index", "description", "properties"},
                   {}) &&
            a.object.count("uri")) {
          UriReference(a.object.at("uri"), pp + ".artifactLocation.uri");
        }
      }
      if (p.object.count("region")) {
        const Json& r = p.object.at("region");
        if (Object(r, pp + ".region",
                   {"startLine", "startColumn", "endLine", "endColumn",
                    "charOffset", "charLength", "byteOffset", "byteLength",
                    "snippet", "message", "sourceLanguage", "properties"},
                   {}) &&
            r.object.count("startLine")) {
          Integer(r.object.at("startLine"), pp + ".region.startLine", 1);
        }
      }
    }
  }
  if (v.object.count("logicalLocations")) {
    Array(v.object.at("logicalLocations"), path + ".logicalLocations",
          [&](const Json& l, const std::string& p) {
            if (Object(l, p,
                       {"name", "index", "fullyQualifiedName", "decoratedName",
                        "parentIndex", "kind", "properties"},
                       {})) {
              if (l.object.count("name")) String(l.object.at("name"), p);
              if (l.object.count("kind")) String(l.object.at("kind"), p);
            }
          });
  }
}

std::vector<std::string> Problems(const std::string& text) {
  return SarifSchema().Check(text);
}

TEST(SarifTest, TheValidatorRejectsWhatTheSchemaRejects) {
  const std::string good =
      "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": "
      "{\"name\": \"t\", \"rules\": [{\"id\": \"R1\"}]}}, \"results\": "
      "[{\"ruleId\": \"R1\", \"ruleIndex\": 0, \"level\": \"error\", "
      "\"message\": {\"text\": \"m\"}, \"locations\": [{\"physicalLocation\": "
      "{\"artifactLocation\": {\"uri\": \"a/b.c\"}, \"region\": "
      "{\"startLine\": 3}}}]}]}]}";
  EXPECT_TRUE(Problems(good).empty());
  auto bad = [&](const std::string& from, const std::string& to) {
    std::string s = good;
    s.replace(s.find(from), from.size(), to);
    return Problems(s);
  };
  EXPECT_FALSE(bad("\"2.1.0\"", "\"2.0.0\"").empty());
  EXPECT_FALSE(bad("\"startLine\": 3", "\"startLine\": 0").empty());
  EXPECT_FALSE(bad("\"startLine\": 3", "\"startLine\": 3.5").empty());
  EXPECT_FALSE(bad("\"level\": \"error\"", "\"level\": \"fatal\"").empty());
  EXPECT_FALSE(bad("\"ruleIndex\": 0", "\"ruleIndex\": 1").empty());
  EXPECT_FALSE(bad("\"a/b.c\"", "\"a b.c\"").empty());
  EXPECT_FALSE(bad("\"message\": {\"text\": \"m\"}, ", "").empty());
  EXPECT_FALSE(bad("{\"name\": \"t\"", "{\"nom\": \"t\"").empty());
  EXPECT_FALSE(bad("\"level\": \"error\"", "\"severity\": \"error\"").empty());
  EXPECT_FALSE(bad("}]}]}", "},]}]}").empty());  // a trailing comma
}

TEST(SarifTest, PortcheckOutputIsValidSarif) {
  auto r = ScanPaths({"tools/portcheck/testdata/vanilla_arch",
                      "tools/portcheck/testdata/kernel_tree"});
  ASSERT_TRUE(r.ok()) << r.status();
  const std::string sarif = RenderSarif(*r);
  EXPECT_EQ(Problems(sarif), std::vector<std::string>{}) << sarif;
  Json doc;
  testing::JsonReader reader;
  ASSERT_TRUE(reader.Parse(sarif, &doc));
  const Json& run = doc.object.at("runs").array.at(0);
  EXPECT_EQ(
      run.object.at("tool").object.at("driver").object.at("rules").array.size(),
      10u);  // the whole catalog, R1..R10
  const auto& results = run.object.at("results").array;
  ASSERT_EQ(results.size(), r->findings.size());
  bool saw_r3 = false, saw_tree_level = false;
  for (size_t k = 0; k < results.size(); ++k) {
    const Json& res = results[k];
    const Finding& f = r->findings[k];
    EXPECT_EQ(res.object.at("ruleId").string, f.rule);
    EXPECT_EQ(res.object.at("level").string,
              f.severity == Severity::kError ? "error" : "note");
    const Json& loc =
        res.object.at("locations").array.at(0).object.at("physicalLocation");
    EXPECT_EQ(loc.object.at("artifactLocation").object.at("uri").string,
              f.file);
    EXPECT_EQ(loc.object.count("region"), f.line > 0 ? 1u : 0u);
    if (f.rule == "R3") {
      saw_r3 = true;
      EXPECT_EQ(loc.object.at("region").object.at("startLine").number, 7);
      EXPECT_EQ(res.object.at("message").object.at("text").string,
                "arch_ptrace(): find_task_by_pid() looks the pid up in the "
                "whole system");
    }
    saw_tree_level = saw_tree_level || f.line == 0;
  }
  EXPECT_TRUE(saw_r3);
  EXPECT_TRUE(saw_tree_level);
}

TEST(SarifTest, OddPathsAndBytesStayValid) {
  Report r;
  r.findings.push_back({"R2", Severity::kNote, "/src/my arch/ä.c", 4, "f",
                        "printk(\"caf\xe9 \\\"q\\\"\t\")", "x"});
  r.findings.push_back(
      {"R9", Severity::kError, "rel/path#1.c", 1, "", "w", ""});
  r.arches.push_back({"x", "/src", 1, false, 2});
  const std::string sarif = RenderSarif(r);
  EXPECT_EQ(Problems(sarif), std::vector<std::string>{}) << sarif;
  EXPECT_NE(sarif.find("\"file:///src/my%20arch/%C3%A4.c\""),
            std::string::npos);
  EXPECT_NE(sarif.find("\"rel/path%231.c\""), std::string::npos);
  EXPECT_NE(sarif.find("caf\\u00e9"), std::string::npos);
  // An empty report is a run with no results.
  EXPECT_EQ(Problems(RenderSarif(Report{})), std::vector<std::string>{});
}

}  // namespace
}  // namespace vzsim::portcheck
