package dev.kordon.rules;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelBuilder;
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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The CEL environment of rules and admission policies: cel-java's standard library and macros, its
 * strings, sets and optional extensions, and Kordon's implementations of the Kubernetes libraries
 * (lists, regex, quantity, URL, IP/CIDR, format). Variables are those of ValidatingAdmissionPolicy.
 * Programs are compiled with every variable {@code dyn}, as the API server compiles them for
 * admission; where the kinds an expression reads are known, it is also type-checked against their
 * schema ({@link TypeCheck}), as the API server's type checker does. Thread-safe; build one and
 * share it.
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

  /**
   * Type-check expressions with these variables typed by the schema of a kind (the others stay
   * {@code dyn}).
   *
   * @param label names the check in its errors, e.g. {@code apps/v1, Kind=Deployment}
   */
  record TypeCheck(String label, Map<String, KubeSchema.Kind> variables) {
    public TypeCheck {
      variables = Map.copyOf(variables);
    }
  }

  // built on first use: most scans compile no expression (no rules, no admission policy among the
  // objects), and cel-java's environment with its extensions cost a tenth of a second of CPU at
  // start under C1 (the short commands' launcher)
  private final Supplier<Cel> cel = once(() -> builder(Map.of()).build());
  private final CostLimits limits;
  private final CelOptions options;
  // the bundled Kubernetes schema, read on first use: only type-checked expressions need it
  private final Supplier<SchemaTypes> types = once(() -> new SchemaTypes(KubeSchema.bundled()));
  private final Map<TypeCheck, Cel> checkers = new ConcurrentHashMap<>();

  public KubeCel(CostLimits limits) {
    this.limits = limits;
    this.options =
        CelOptions.current()
            .comprehensionMaxIterations(limits.maxIterations())
            .maxExpressionCodePointSize(100_000)
            .maxRegexProgramSize(10_000)
            .build();
  }

  /** A value made by {@code make} on the first {@code get}, once, whichever thread asks. */
  private static <T> Supplier<T> once(Supplier<T> make) {
    return new Supplier<>() {
      private volatile T value;

      @Override
      public T get() {
        T v = value;
        if (v == null) {
          synchronized (this) {
            v = value;
            if (v == null) {
              v = make.get();
              value = v;
            }
          }
        }
        return v;
      }
    };
  }

  private CelBuilder builder(Map<String, KubeSchema.Kind> typed) {
    CelBuilder builder =
        CelFactory.standardCelBuilder()
            .setOptions(options)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addCompilerLibraries(
                CelExtensions.strings(), CelExtensions.sets(options), CelExtensions.optional())
            .addRuntimeLibraries(
                CelExtensions.strings(), CelExtensions.sets(options), CelExtensions.optional());
    for (String v : VARIABLES) {
      KubeSchema.Kind kind = typed.get(v);
      builder.addVar(v, kind == null ? SimpleType.DYN : types.get().of(kind));
    }
    if (!typed.isEmpty()) {
      builder.setTypeProvider(types.get());
    }
    for (CelLibrary library : CelLibrary.kubernetes()) {
      builder.addFunctionDeclarations(library.declarations());
      builder.addFunctionBindings(library.bindings());
    }
    return builder;
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
    CelValidationResult result = cel.get().compile(source);
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
          new Expression(
              source, cel.get().createProgram(ast), estimated, limits.runtimePerExpression()));
    } catch (CelEvaluationException e) {
      return Compiled.failed(new CompileError(field, source, 0, 0, e.getMessage()));
    }
  }

  /**
   * Type-checks an expression that compiles with {@code dyn} variables: the error the API server's
   * type checker would give for this kind, or null.
   */
  CompileError typeCheck(String field, String source, Result expected, TypeCheck check) {
    Cel typed = checkers.computeIfAbsent(check, c -> builder(c.variables()).build());
    CelValidationResult result = typed.compile(source);
    if (result.hasError()) {
      CelIssue first = result.getErrors().get(0);
      return new CompileError(
          field,
          source,
          first.getSourceLocation().getLine(),
          first.getSourceLocation().getColumn() + 1,
          "type checking against " + check.label() + " failed: " + result.getErrorString());
    }
    try {
      String typeError = checkType(result.getAst().getResultType(), expected);
      return typeError == null
          ? null
          : new CompileError(
              field, source, 0, 0, "type checking against " + check.label() + ": " + typeError);
    } catch (CelValidationException e) {
      return new CompileError(field, source, 0, 0, e.getMessage());
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

  /**
   * Compiles several fields, gathering every error, and type-checks each that compiles against the
   * given kinds, gathering type errors apart (the API server reports those as warnings and still
   * enforces the policy).
   */
  static final class Batch {
    private final KubeCel cel;
    private final Optional<TypeCheck> check;
    private final List<CompileError> errors = new ArrayList<>();
    private final List<CompileError> typeErrors = new ArrayList<>();

    Batch(KubeCel cel, Optional<TypeCheck> check) {
      this.cel = cel;
      this.check = check;
    }

    /** The expression, or null after recording its error. */
    Expression compile(String field, String source, Result expected) {
      Compiled c = cel.compile(field, source, expected);
      if (!c.isOk()) {
        errors.add(c.error());
        return null;
      }
      if (check.isPresent()) {
        CompileError e = cel.typeCheck(field, source, expected, check.get());
        if (e != null) {
          typeErrors.add(e);
        }
      }
      return c.expression();
    }

    List<CompileError> errors() {
      return List.copyOf(errors);
    }

    List<CompileError> typeErrors() {
      return List.copyOf(typeErrors);
    }
  }
}
