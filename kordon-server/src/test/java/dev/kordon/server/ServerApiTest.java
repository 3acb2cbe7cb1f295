package dev.kordon.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The HTTP API and the dashboard's safety rules, over real HTTP on loopback. */
class ServerApiTest {
  @TempDir static Path dir;
  private static ServerHarness s;
  private static String uploader;
  private static String reader;

  @BeforeAll
  static void start() throws Exception {
    s = new ServerHarness(dir, 1024 * 1024);
    uploader = s.token("ci", "upload:prod,upload:evil,upload:full");
    reader = s.token("viewer", "read");
    HttpResponse<String> r = s.upload("prod", TestReports.bytes("insecure"), uploader);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  @Test
  void healthAnswersWithoutAToken() throws Exception {
    HttpResponse<String> r = s.get("/healthz", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("ok\n");
  }

  @Test
  void noWriteWithoutAnUploadTokenForThatCluster() throws Exception {
    byte[] report = TestReports.bytes("hardened");
    assertThat(s.upload("prod", report, null).statusCode()).isEqualTo(401);
    assertThat(s.upload("prod", report, "kdn_forged").statusCode()).isEqualTo(401);
    assertThat(s.upload("prod", report, reader).statusCode()).isEqualTo(403);
    assertThat(s.upload("staging", report, uploader).statusCode()).isEqualTo(403);
    assertThat(s.history.clusters(Optional.empty()))
        .extracting(Views.ClusterSummary::name)
        .doesNotContain("staging");
  }

  @Test
  void readingNeedsAReadTokenAndSeesOnlyItsClusters() throws Exception {
    assertThat(s.get("/api/v1/clusters", null).statusCode()).isEqualTo(401);
    assertThat(s.get("/api/v1/clusters", uploader).statusCode()).isEqualTo(401);
    HttpResponse<String> all = s.get("/api/v1/clusters", reader);
    assertThat(all.statusCode()).isEqualTo(200);
    assertThat(all.body()).contains("\"name\":\"prod\"").contains("\"cis\":");
    String other = s.token("other", "read:nothing-here");
    assertThat(s.get("/api/v1/clusters", other).body()).isEqualTo("{\"clusters\":[]}\n");
    assertThat(s.get("/clusters/prod", other).statusCode()).isEqualTo(404);
  }

  @Test
  void invalidReportsAreRefusedWithTheReason() throws Exception {
    assertThat(s.upload("prod", "not json".getBytes(StandardCharsets.UTF_8), uploader).body())
        .contains("not JSON");
    JsonMapper m = JsonMapper.builder().build();
    ObjectNode lying = (ObjectNode) m.readTree(TestReports.bytes("hardened"));
    ((ObjectNode) lying.get("summary")).put("findings", 3);
    HttpResponse<String> r = s.upload("prod", m.writeValueAsBytes(lying), uploader);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("summary.findings says 3 but the report lists 4");
    ObjectNode badSeverity = (ObjectNode) m.readTree(TestReports.bytes("hardened"));
    ((ObjectNode) badSeverity.get("findings").get(0)).put("severity", "apocalyptic");
    // the published schema (kordon-core schemas/kordon-report.schema.json) names the place
    assertThat(s.upload("prod", m.writeValueAsBytes(badSeverity), uploader).body())
        .contains("not a valid Kordon report: /findings/0/severity");
    ObjectNode untyped = (ObjectNode) m.readTree(TestReports.bytes("hardened"));
    ((ObjectNode) untyped.get("findings").get(1)).remove("fingerprint");
    ((ObjectNode) untyped.get("summary")).put("objects", "many");
    assertThat(s.upload("prod", m.writeValueAsBytes(untyped), uploader).body())
        .contains("/summary/objects")
        .contains("/findings/1");
    assertThat(s.upload("bad%20name%3Cb%3E", TestReports.bytes("hardened"), uploader).statusCode())
        .isEqualTo(400);
  }

  @Test
  void theClusterPageShowsTheRbacAndNetworkPolicySummaries() throws Exception {
    String page = s.get("/clusters/prod", reader).body();
    assertThat(page).contains("<h2 id=\"rbac\">RBAC</h2>");
    assertThat(page).contains("<h2 id=\"network-policies\">NetworkPolicies</h2>");
    // examples/insecure: one identity with cluster-admin, one NetworkPolicy for three namespaces
    assertThat(page)
        .containsPattern(
            "<tr id=\"rbac-clusterAdminEquivalent\"><th scope=\"row\">With"
                + " cluster-admin-equivalent access</th><td class=\"num\">1</td>")
        .containsPattern(
            "<tr id=\"netpol-policies\"><th scope=\"row\">NetworkPolicies</th><td"
                + " class=\"num\">1</td>")
        .contains("Namespaces without any NetworkPolicy</th><td class=\"num\">2</td>")
        .contains("<table id=\"risky-permissions\">")
        .contains("cluster-admin-equivalent</span></th><td>critical</td>");
  }

  @Test
  void summariesThatAreNotCountsAreRefused() throws Exception {
    JsonMapper m = JsonMapper.builder().build();
    ObjectNode bad = (ObjectNode) m.readTree(TestReports.bytes("hardened"));
    ((ObjectNode) bad.get("summaries").get("networkPolicies")).put("pods", -1);
    HttpResponse<String> r = s.upload("prod", m.writeValueAsBytes(bad), uploader);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("summaries.networkPolicies.pods");
    ObjectNode notObject = (ObjectNode) m.readTree(TestReports.bytes("hardened"));
    notObject.put("summaries", "lots");
    assertThat(s.upload("prod", m.writeValueAsBytes(notObject), uploader).body())
        .contains("/summaries");
  }

  @Test
  void anUploadAboveTheLimitIsRefused() throws Exception {
    byte[] big = new byte[2 * 1024 * 1024];
    java.util.Arrays.fill(big, (byte) ' ');
    assertThat(s.upload("prod", big, uploader).statusCode()).isEqualTo(413);
  }

  @Test
  void aFullDiskFailsTheUploadAndKeepsWhatWasStored() throws Exception {
    assertThat(s.upload("full", TestReports.bytes("insecure"), uploader).statusCode())
        .isEqualTo(201);
    s.diskFull.set(true);
    try {
      HttpResponse<String> r = s.upload("full", TestReports.bytes("hardened"), uploader);
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.body()).contains("nothing of it was kept").contains("No space left");
    } finally {
      s.diskFull.set(false);
    }
    Views.ClusterSummary c = s.history.cluster("full", Optional.empty()).orElseThrow();
    assertThat(c.reports()).isEqualTo(1);
    assertThat(c.counts().total()).isEqualTo(151);
    HttpResponse<String> again = s.upload("full", TestReports.bytes("hardened"), uploader);
    assertThat(again.body()).contains("\"new\":3").contains("\"fixed\":150");
  }

  @Test
  void pagesNeedALoginAndCarryAStrictContentSecurityPolicy() throws Exception {
    HttpResponse<String> anonymous = s.get("/findings?cluster=prod", null);
    assertThat(anonymous.statusCode()).isEqualTo(303);
    assertThat(anonymous.headers().firstValue("Location"))
        .contains("/login?next=%2Ffindings%3Fcluster%3Dprod");
    HttpResponse<String> page = s.get("/", reader);
    assertThat(page.statusCode()).isEqualTo(200);
    String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline");
    assertThat(page.body()).doesNotContain("<script>").doesNotContain("style=");
  }

  @Test
  void textFromReportsIsEscapedInHtmlAttributesUrlsAndSvg() throws Exception {
    JsonMapper m = JsonMapper.builder().build();
    ObjectNode evil = (ObjectNode) m.readTree(TestReports.bytes("hardened"));
    ObjectNode f = (ObjectNode) evil.get("findings").get(0);
    String payload = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>";
    ((ObjectNode) f.get("resource")).put("name", payload);
    ((ObjectNode) f.get("resource")).put("namespace", "ns\"><svg onload=alert(3)>");
    f.put("message", payload);
    f.put("remediation", "javascript:alert(4)");
    assertThat(s.upload("evil", m.writeValueAsBytes(evil), uploader).statusCode()).isEqualTo(201);

    long id =
        s.history
            .search(
                new Views.FindingQuery("evil", null, null, null, "open", "script", 1, 10),
                Optional.empty())
            .items()
            .get(0)
            .id();
    for (String path :
        new String[] {
          "/findings/" + id, "/clusters/evil", "/findings?cluster=evil&q=%3Cscript%3E", "/"
        }) {
      String body = s.get(path, reader).body();
      assertThat(body).as(path).doesNotContain("<script>alert").doesNotContain("<img src=x");
      assertThat(body).as(path).doesNotContain("<svg onload");
    }
    String finding = s.get("/findings/" + id, reader).body();
    assertThat(finding).contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&gt;");
    String cluster = s.get("/clusters/evil", reader).body();
    assertThat(cluster)
        .contains("namespace=ns%22%3E%3Csvg%20onload%3Dalert%283%29%3E")
        .contains("ns&quot;&gt;&lt;svg onload=alert(3)&gt;");
  }

  @Test
  void loginNeedsTheFormsCsrfTokenAndASameOriginPost() throws Exception {
    HttpResponse<String> form = s.get("/login", null);
    String cookie =
        form.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("kordon_csrf="))
            .findFirst()
            .orElseThrow();
    assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");
    String csrf = cookie.substring("kordon_csrf=".length(), cookie.indexOf(';'));
    assertThat(form.body()).contains("name=\"csrf\" value=\"" + csrf + "\"");

    assertThat(login(null, csrf, reader, null).statusCode()).isEqualTo(403);
    assertThat(login(csrf, "wrong", reader, null).statusCode()).isEqualTo(403);
    assertThat(login(csrf, csrf, reader, "http://evil.example").statusCode()).isEqualTo(403);
    assertThat(login(csrf, csrf, "kdn_wrong", null).statusCode()).isEqualTo(401);
    HttpResponse<String> ok = login(csrf, csrf, reader, s.base());
    assertThat(ok.statusCode()).isEqualTo(303);
    assertThat(ok.headers().firstValue("Location")).contains("/findings");
    String session =
        ok.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("kordon_session="))
            .findFirst()
            .orElseThrow();
    String id = session.substring(0, session.indexOf(';'));
    HttpResponse<String> page =
        s.http.send(
            HttpRequest.newBuilder(URI.create(s.base() + "/findings")).header("Cookie", id).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Log out");
  }

  @Test
  void theLoginRedirectStaysOnThisServer() {
    assertThat(KordonServer.safeNext("//evil.example/")).isEqualTo("/");
    assertThat(KordonServer.safeNext("https://evil.example/")).isEqualTo("/");
    assertThat(KordonServer.safeNext("/\\evil.example")).isEqualTo("/");
    assertThat(KordonServer.safeNext("/clusters/prod")).isEqualTo("/clusters/prod");
  }

  private static HttpResponse<String> login(
      String cookie, String field, String token, String origin) throws Exception {
    String body =
        "csrf="
            + java.net.URLEncoder.encode(field, StandardCharsets.UTF_8)
            + "&next=%2Ffindings&token="
            + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(s.base() + "/login"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (cookie != null) {
      b.header("Cookie", "kordon_csrf=" + cookie);
    }
    if (origin != null) {
      b.header("Origin", origin);
    }
    return s.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
