package dev.kordon.rbac;

import java.util.List;
import java.util.Optional;

/**
 * A who-can question as a person types it ({@code get secrets}, {@code create pods/exec}, {@code
 * update deployments.apps/scale}, {@code get /metrics}), turned into a {@link Request} and answered
 * on a graph.
 *
 * @param namespace the request's namespace; empty asks every namespace (RoleBindings included)
 * @param name the object's name; empty for none
 * @param apiGroup the API group; empty guesses it from well-known resources and CRDs (a group
 *     written after a dot in the resource wins), {@code Optional.of("")} is the core group
 */
public record WhoCanQuery(
    String verb, String resource, String namespace, String name, Optional<String> apiGroup) {

  /**
   * The answer.
   *
   * @param asked the request in words ({@code list secrets in prod})
   * @param grants every binding that allows it, beside the implicit system:masters
   * @param ignoredNamespace the cluster-scoped resource for which the given namespace was ignored,
   *     or empty
   */
  public record Answer(String asked, List<Access> grants, String ignoredNamespace) {
    public Answer {
      grants = List.copyOf(grants);
    }
  }

  /** Whether the question is about a URL path rather than a resource. */
  public boolean nonResource() {
    return resource.startsWith("/");
  }

  /** Whether the verb is one the API server authorizes for this kind of request. */
  public boolean hasStandardVerb() {
    return Verbs.isStandard(verb, nonResource());
  }

  /** The verbs a request of this kind can carry, the special ones last. */
  public List<String> standardVerbs() {
    return Verbs.standard(nonResource());
  }

  /** The standard verbs in words, for a message: {@code verbs: get, ...; special: use, ...}. */
  public String standardVerbsInWords() {
    if (nonResource()) {
      return "verbs of a URL path: " + String.join(", ", Verbs.NON_RESOURCE);
    }
    return "verbs: "
        + String.join(", ", Verbs.RESOURCE)
        + "; special: "
        + String.join(", ", Verbs.SPECIAL);
  }

  public Answer answer(RbacGraph graph) {
    Request request = request(graph);
    if (request instanceof Request.NonResource url) {
      return new Answer(url.verb() + " " + url.path(), graph.whoCan(request), "");
    }
    Request.Resource r = (Request.Resource) request;
    List<Access> found = namespace.isEmpty() ? graph.whoCanAnywhere(r) : graph.whoCan(r);
    String asked = r.describe();
    if (namespace.isEmpty()
        && r.namespace().isEmpty()
        && !graph.isClusterScoped(r.apiGroup(), r.resource())) {
      asked = asked.replace(" cluster-wide", " in any namespace");
    }
    String ignored = !namespace.isEmpty() && r.namespace().isEmpty() ? r.resource() : "";
    return new Answer(asked, found, ignored);
  }

  /** The request, with the API group guessed and the resource normalized (plural, lower case). */
  public Request request(RbacGraph graph) {
    if (nonResource()) {
      return new Request.NonResource(verb, resource);
    }
    int slash = resource.indexOf('/');
    String base = slash < 0 ? resource : resource.substring(0, slash);
    String sub = slash < 0 ? "" : resource.substring(slash);
    String group = apiGroup.orElse(null);
    int dot = base.indexOf('.');
    if (dot > 0 && group == null) {
      group = base.substring(dot + 1);
      base = base.substring(0, dot);
    }
    if (group == null) {
      group = graph.defaultGroup(base);
    }
    Request.Resource r = Request.resource(verb, group, base + sub, namespace);
    if (!name.isEmpty()) {
      r = r.named(name);
    }
    return graph.normalize(r);
  }
}
