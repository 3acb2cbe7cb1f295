package dev.kordon.audit;

import dev.kordon.model.Finding;
import dev.kordon.model.ScanError;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Audit events in the shapes the API server writes them (audit.k8s.io/v1, one JSON line each),
 * built field by field, and a run of the analyzer over them.
 */
final class Events {
  private Events() {}

  private static final AtomicInteger IDS = new AtomicInteger();

  static final String PERSON =
      "{\"username\":\"alice@example.com\",\"groups\":[\"devs\",\"system:authenticated\"]}";
  static final String KUBELET =
      "{\"username\":\"system:node:worker-1\",\"groups\":[\"system:nodes\",\"system:authenticated\"]}";
  static final String ANONYMOUS =
      "{\"username\":\"system:anonymous\",\"groups\":[\"system:unauthenticated\"]}";

  static String sa(String ns, String name) {
    return "{\"username\":\"system:serviceaccount:"
        + ns
        + ":"
        + name
        + "\",\"groups\":[\"system:serviceaccounts\",\"system:serviceaccounts:"
        + ns
        + "\",\"system:authenticated\"]}";
  }

  /** A builder of one event line. */
  static final class E {
    String level = "Metadata";
    String stage = "ResponseComplete";
    String verb = "get";
    String user = PERSON;
    String impersonated;
    String group = "";
    String version = "v1";
    String resource = "pods";
    String subresource = "";
    String namespace = "default";
    String name = "";
    String uri;
    int code = 200;
    String requestObject;
    String responseObject;
    String time = "2024-05-01T10:00:00.000000Z";
    String auditId = "id-" + IDS.incrementAndGet();
    String userAgent = "kubectl/v1.30.0 (linux/amd64) kubernetes/abcdef";

    E level(String v) {
      level = v;
      return this;
    }

    E stage(String v) {
      stage = v;
      return this;
    }

    E verb(String v) {
      verb = v;
      return this;
    }

    E user(String v) {
      user = v;
      return this;
    }

    E impersonating(String v) {
      impersonated = v;
      return this;
    }

    E on(String groupName, String res) {
      group = groupName;
      resource = res;
      version = groupName.isEmpty() ? "v1" : "v1";
      return this;
    }

    E sub(String v) {
      subresource = v;
      return this;
    }

    E ns(String v) {
      namespace = v;
      return this;
    }

    E name(String v) {
      name = v;
      return this;
    }

    E uri(String v) {
      uri = v;
      return this;
    }

    E code(int v) {
      code = v;
      return this;
    }

    E request(String json) {
      requestObject = json;
      return this;
    }

    E response(String json) {
      responseObject = json;
      return this;
    }

    E at(String v) {
      time = v;
      return this;
    }

    E id(String v) {
      auditId = v;
      return this;
    }

    E nonResource(String path) {
      resource = "";
      uri = path;
      return this;
    }

    String json() {
      StringBuilder sb =
          new StringBuilder("{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\"");
      sb.append(",\"level\":\"").append(level).append('"');
      sb.append(",\"auditID\":\"").append(auditId).append('"');
      sb.append(",\"stage\":\"").append(stage).append('"');
      String path = uri != null ? uri : defaultUri();
      sb.append(",\"requestURI\":\"").append(path).append('"');
      sb.append(",\"verb\":\"").append(verb).append('"');
      sb.append(",\"user\":").append(user);
      if (impersonated != null) {
        sb.append(",\"impersonatedUser\":").append(impersonated);
      }
      sb.append(",\"sourceIPs\":[\"10.0.0.7\"]");
      sb.append(",\"userAgent\":\"").append(userAgent).append('"');
      if (!resource.isEmpty()) {
        sb.append(",\"objectRef\":{\"resource\":\"").append(resource).append('"');
        if (!namespace.isEmpty()) {
          sb.append(",\"namespace\":\"").append(namespace).append('"');
        }
        if (!name.isEmpty()) {
          sb.append(",\"name\":\"").append(name).append('"');
        }
        if (!group.isEmpty()) {
          sb.append(",\"apiGroup\":\"").append(group).append('"');
        }
        sb.append(",\"apiVersion\":\"").append(version).append('"');
        if (!subresource.isEmpty()) {
          sb.append(",\"subresource\":\"").append(subresource).append('"');
        }
        sb.append('}');
      }
      if (!stage.equals("RequestReceived")) {
        sb.append(",\"responseStatus\":{\"metadata\":{},\"code\":").append(code).append('}');
      }
      if (requestObject != null) {
        sb.append(",\"requestObject\":").append(requestObject);
      }
      if (responseObject != null) {
        sb.append(",\"responseObject\":").append(responseObject);
      }
      sb.append(",\"requestReceivedTimestamp\":\"").append(time).append('"');
      sb.append(",\"stageTimestamp\":\"").append(time).append('"');
      sb.append(",\"annotations\":{\"authorization.k8s.io/decision\":\"")
          .append(code == 403 ? "forbid" : "allow")
          .append("\",\"authorization.k8s.io/reason\":\"\"}");
      return sb.append('}').toString();
    }

    private String defaultUri() {
      String base = group.isEmpty() ? "/api/v1" : "/apis/" + group + "/v1";
      String ns = namespace.isEmpty() ? "" : "/namespaces/" + namespace;
      String n = name.isEmpty() ? "" : "/" + name;
      String s = subresource.isEmpty() ? "" : "/" + subresource;
      return base + ns + "/" + resource + n + s;
    }
  }

  static E event() {
    return new E();
  }

  /** The analyzer's findings over these lines, with default settings. */
  static List<Finding> analyze(String... lines) {
    return analyze(AuditSettings.defaults(), List.of(), lines);
  }

  static List<Finding> analyze(
      AuditSettings settings, List<dev.kordon.control.ObjectControl> rules, String... lines) {
    AuditAnalyzer a = new AuditAnalyzer(settings, rules);
    for (AuditEvent e : read(String.join("\n", lines) + "\n", new ArrayList<>())) {
      a.accept(e);
    }
    return a.findings();
  }

  static List<AuditEvent> read(String text, List<ScanError> problems) {
    return read(text.getBytes(StandardCharsets.UTF_8), problems);
  }

  static List<AuditEvent> read(byte[] bytes, List<ScanError> problems) {
    try (LogReader r =
        LogReader.ofStream(
            new ByteArrayInputStream(bytes), "test.log", LogLimits.DEFAULT, problems::add)) {
      List<AuditEvent> out = new ArrayList<>();
      for (AuditEvent e = r.next(); e != null; e = r.next()) {
        out.add(e);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> ids(List<Finding> findings, String controlId) {
    return findings.stream()
        .filter(f -> f.controlId().equals(controlId))
        .map(Finding::controlId)
        .toList();
  }
}
