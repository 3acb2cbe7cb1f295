package dev.kordon.rules;

import dev.kordon.control.Control;
import dev.kordon.model.KubeObject;
import dev.kordon.model.ScanError;
import dev.kordon.source.FileSource;
import dev.kordon.source.ReadResult;
import dev.kordon.source.YamlTrees.ConfigException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Rule and policy files ({@code --rules}, {@code --policy}, the webhook's policy file): Kordon
 * {@code Rule} documents, ValidatingAdmissionPolicies and bindings, and param objects, read with
 * the same hostile-input limits as manifests. A file that cannot be read, a malformed rule or an
 * expression that does not compile stops the load with an error naming the file.
 */
public record RuleFiles(List<Rule> rules, PolicySet policies) {

  public RuleFiles {
    rules = List.copyOf(rules);
  }

  public static final RuleFiles NONE = new RuleFiles(List.of(), PolicySet.EMPTY);

  /** Reads files and directories (walked for .yaml, .yml and .json). */
  public static RuleFiles load(List<String> paths, KubeCel cel, Requester requester) {
    if (paths.isEmpty()) {
      return NONE;
    }
    ReadResult read = new FileSource().read(paths, InputStream.nullInputStream());
    for (ScanError e : read.problems()) {
      if (e.isError()) {
        throw new ConfigException(e.toString());
      }
    }
    return of(read.objects(), cel, requester);
  }

  static RuleFiles of(List<KubeObject> objects, KubeCel cel, Requester requester) {
    RuleParser parser = new RuleParser(cel, requester);
    List<Rule> rules = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (KubeObject o : objects) {
      if (RuleParser.isRule(o)) {
        Rule r = parser.parse(o.origin().describe(), o);
        if (!ids.add(r.info().id())) {
          throw new ConfigException(o.origin().describe() + ": duplicate rule id " + r.info().id());
        }
        rules.add(r);
      }
    }
    return new RuleFiles(rules, PolicySet.of(objects, cel));
  }

  /**
   * The controls a scan adds to the built-in catalog: every rule, and one control that evaluates
   * the admission policies of these files and of the scanned objects. A policy of these files that
   * does not compile is refused here, as a rule is, with every error.
   */
  public List<Control> controls(KubeCel cel, Requester requester) {
    List<CompileError> errors = new ArrayList<>();
    for (AdmissionPolicy p : policies.policies()) {
      for (CompileError e : p.errors()) {
        errors.add(
            new CompileError(
                p.source().origin().describe()
                    + ": ValidatingAdmissionPolicy "
                    + p.name()
                    + ": "
                    + e.field(),
                e.expression(),
                e.line(),
                e.column(),
                e.message()));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidExpression("policy files", errors);
    }
    List<Control> out = new ArrayList<>(rules);
    out.add(new AdmissionPolicyControl(policies, cel, requester));
    return out;
  }
}
