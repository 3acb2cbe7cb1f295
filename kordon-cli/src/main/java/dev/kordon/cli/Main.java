package dev.kordon.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine;

/** Entry point. {@link #run} is the testable form: streams in, exit code out. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    boolean terminal = System.console() != null;
    OutOfMemory outOfMemory = new OutOfMemory();
    // a thread of our own that runs out of heap (the parallel streams' workers hand theirs to the
    // command's thread) gets the same one line and exit code as the command itself
    Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler(
        (thread, e) -> {
          if (e instanceof OutOfMemoryError) {
            // the command's thread reports it, or halts us below if it cannot
            outOfMemory.report(err);
            if (outOfMemory.printed()) {
              Runtime.getRuntime().halt(ExitCode.ERROR);
            }
            return;
          } else if (previous != null) {
            previous.uncaughtException(thread, e);
          } else {
            err.print("Exception in thread \"" + thread.getName() + "\" ");
            e.printStackTrace(err);
          }
        });
    int code = run(args, new Io(System.in, out, err, terminal, System.getenv()), outOfMemory);
    out.flush();
    System.exit(code);
  }

  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    return run(args, new Io(in, out, err, false, Map.of()));
  }

  public static int run(String[] args, Io io) {
    return run(args, io, new OutOfMemory());
  }

  private static int run(String[] args, Io io, OutOfMemory outOfMemory) {
    CommandLine cli = commandLine(io, outOfMemory, args.length > 0 ? args[0] : "");
    outOfMemory.progressFrom(() -> readSoFar(cli.getParseResult()));
    try {
      return cli.execute(args);
    } catch (OutOfMemoryError e) {
      // the command's frames, and with them most of what filled the heap, are gone by now
      outOfMemory.report(io.err());
      return ExitCode.ERROR;
    } catch (Error e) {
      if (!outOfMemory.seen()) {
        throw e;
      }
      outOfMemory.report(io.err());
      return ExitCode.ERROR;
    }
  }

  /** How far the command that ran had read, from its input options when it has them. */
  private static String readSoFar(CommandLine.ParseResult parsed) {
    String progress = "";
    if (parsed == null) {
      return progress;
    }
    for (var r = parsed; r != null; r = r.subcommand()) {
      for (CommandLine.Model.CommandSpec mixin : r.commandSpec().mixins().values()) {
        if (mixin.userObject() instanceof InputOptions inputs) {
          progress = inputs.readSoFar();
        }
      }
    }
    return progress;
  }

  /** The whole command tree, every subcommand in it. */
  static CommandLine commandLine(Io io) {
    return commandLine(io, new OutOfMemory(), "");
  }

  /** The subcommands in the order of the usage text; each builds its part of the tree. */
  private static Map<String, Function<Io, Object>> subcommands() {
    Map<String, Function<Io, Object>> all = new LinkedHashMap<>();
    all.put("scan", ScanCommand::new);
    all.put("controls", ControlsCommand::create);
    all.put("pss", PssCommand::new);
    all.put("rbac", RbacCommand::create);
    all.put("netpol", NetpolCommand::create);
    all.put("policy", PolicyCommand::create);
    all.put("admission", AdmissionCommand::create);
    all.put("node", NodeCommand::new);
    all.put("audit", AuditCommand::create);
    all.put("image", ImageCommand::create);
    all.put("db", DbCommand::create);
    all.put("serve", ServeCommand::create);
    return all;
  }

  /**
   * The command tree for a run whose first argument is {@code first}: only that subcommand when it
   * names one, none for the version, the whole tree otherwise (the usage text, a misspelt command's
   * suggestions). picocli reads every option of every command it is given by reflection, a fifth of
   * the CPU of {@code kordon scan examples/}'s main thread for eleven commands that do not run.
   */
  private static CommandLine commandLine(Io io, OutOfMemory outOfMemory, String first) {
    CommandLine cli = new CommandLine(new KordonCommand());
    Map<String, Function<Io, Object>> subcommands = subcommands();
    Function<Io, Object> only = subcommands.get(first);
    if (only != null) {
      cli.addSubcommand(first, only.apply(io));
    } else if (!first.equals("--version") && !first.equals("-V")) {
      subcommands.forEach((name, command) -> cli.addSubcommand(name, command.apply(io)));
    }
    cli.setOut(new PrintWriter(io.out(), true, StandardCharsets.UTF_8));
    cli.setErr(new PrintWriter(io.err(), true, StandardCharsets.UTF_8));
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e.getCause() instanceof OutOfMemoryError || outOfMemory.seen()) {
            outOfMemory.report(io.err());
            return ExitCode.ERROR;
          }
          boolean verbose = false;
          for (var r = parseResult; r != null; r = r.subcommand()) {
            verbose |= r.hasMatchedOption("--verbose");
          }
          commandLine.getErr().println("kordon: " + describe(e));
          if (verbose) {
            e.printStackTrace(commandLine.getErr());
          }
          return ExitCode.ERROR;
        });
    cli.setParameterExceptionHandler(new UsageErrors());
    return cli;
  }

  private static String describe(Exception e) {
    String msg = e.getMessage();
    return msg == null || msg.isBlank() ? e.getClass().getSimpleName() : msg;
  }
}
