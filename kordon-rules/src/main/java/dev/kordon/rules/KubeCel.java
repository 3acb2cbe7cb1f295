package dev.kordon.rules;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import java.util.ArrayList;
import java.util.List;

/**
 * The CEL environment of rules and admission policies: cel-java's standard library and macros, its
 * strings, sets and optional extensions, and Kordon's implementations of the Kubernetes libraries
 * (lists, regex, quantity, URL, IP/CIDR, format). Variables are those of ValidatingAdmissionPolicy,
 * all dynamically typed: there is no OpenAPI schema offline. Immutable and thread-safe; build one
 * and share it.
 */
public final class KubeCel {

  /** The variables every expression may read. */
  public static final List<String> VARIABLES =
      List.of("object", "oldObject", "request", "params", "namespaceObject", "variables");

  /** What an expression must evaluate to. */
  public enum Result {
    BOOL,
    STRING,
    /** A string or null ({@code auditAnnotations[].valueExpression}). */
    STRING_OR_NULL,
    ANY
  }

  private final Cel cel;
  private final CostLimits limits;

  public KubeCel(CostLimits limits) {
    this.limits = limits;
    CelOptions options =
        CelOptions.current()
            .comprehensionMaxIterations(limits.maxIterations())
            .maxExpressionCodePointSize(100_000)
            .maxRegexProgramSize(10_000)
            .build();
    var builder =
        CelFactory.standardCelBuilder()
            .setOptions(options)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addCompilerLibraries(
                CelExtensions.strings(), CelExtensions.sets(options), CelExtensions.optional())
            .addRuntimeLibraries(
                CelExtensions.strings(), CelExtensions.sets(options), CelExtensions.optional());
    for (String v : VARIABLES) {
      builder.addVar(v, SimpleType.DYN);
    }
    for (CelLibrary library : CelLibrary.kubernetes()) {
      builder.addFunctionDeclarations(library.declarations());
      builder.addFunctionBindings(library.bindings());
    }
    this.cel = builder.build();
  }

  public KubeCel() {
    this(CostLimits.DEFAULT);
  }

  public CostLimits limits() {
    return limits;
  }

  /**
   * Compiles one expression for the named field, or gives the errors the API server would: syntax
   * and type errors with line and column, a result of the wrong type, an estimated cost too high.
   */
  public Compiled compile(String field, String source, Result expected) {
    if (source == null || source.isBlank()) {
      return Compiled.failed(new CompileError(field, "", 0, 0, "expression is required"));
    }
    CelValidationResult result = cel.compile(source);
    if (result.hasError()) {
      CelIssue first = result.getErrors().get(0);
      return Compiled.failed(
          new CompileError(
              field,
              source,
              first.getSourceLocation().getLine(),
              first.getSourceLocation().getColumn() + 1,
              "compilation failed: " + result.getErrorString()));
    }
    CelAbstractSyntaxTree ast;
    try {
      ast = result.getAst();
    } catch (CelValidationException e) {
      return Compiled.failed(new CompileError(field, source, 0, 0, e.getMessage()));
    }
    String typeError = checkType(ast.getResultType(), expected);
    if (typeError != null) {
      return Compiled.failed(new CompileError(field, source, 0, 0, typeError));
    }
    long estimated = CostEstimate.of(ast.getExpr());
    if (estimated > limits.estimatedPerExpression()) {
      return Compiled.failed(
          new CompileError(
              field,
              source,
              0,
              0,
              "estimated expression cost exceeds budget by factor of "
                  + String.format(
                      java.util.Locale.ROOT,
                      "%.1fx",
                      (double) estimated / limits.estimatedPerExpression())
                  + " (try simplifying the expression or bounding the lists it iterates)"));
    }
    try {
      return Compiled.ok(
          new Expression(source, cel.createProgram(ast), estimated, limits.runtimePerExpression()));
    } catch (CelEvaluationException e) {
      return Compiled.failed(new CompileError(field, source, 0, 0, e.getMessage()));
    }
  }

  private static String checkType(CelType type, Result expected) {
    if (type.equals(SimpleType.DYN) || expected == Result.ANY) {
      return null;
    }
    switch (expected) {
      case BOOL:
        return type.equals(SimpleType.BOOL) ? null : "must evaluate to bool, not " + type.name();
      case STRING:
        return type.equals(SimpleType.STRING)
            ? null
            : "must evaluate to string, not " + type.name();
      case STRING_OR_NULL:
        return type.equals(SimpleType.STRING) || type.equals(SimpleType.NULL_TYPE)
            ? null
            : "must evaluate to string or null, not " + type.name();
      default:
        return null;
    }
  }

  /** The outcome of compiling one expression: the expression, or the error. */
  public static final class Compiled {
    private final Expression expression;
    private final CompileError error;

    private Compiled(Expression expression, CompileError error) {
      this.expression = expression;
      this.error = error;
    }

    static Compiled ok(Expression e) {
      return new Compiled(e, null);
    }

    static Compiled failed(CompileError e) {
      return new Compiled(null, e);
    }

    public boolean isOk() {
      return error == null;
    }

    public Expression expression() {
      if (expression == null) {
        throw new IllegalStateException(error.describe());
      }
      return expression;
    }

    public CompileError error() {
      return error;
    }
  }

  /** Compiles several fields, gathering every error. */
  static final class Batch {
    private final KubeCel cel;
    private final List<CompileError> errors = new ArrayList<>();

    Batch(KubeCel cel) {
      this.cel = cel;
    }

    /** The expression, or null after recording its error. */
    Expression compile(String field, String source, Result expected) {
      Compiled c = cel.compile(field, source, expected);
      if (!c.isOk()) {
        errors.add(c.error());
        return null;
      }
      return c.expression();
    }

    List<CompileError> errors() {
      return List.copyOf(errors);
    }
  }
}
