package dev.kordon.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
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
    CommandLine cli = commandLine(io, outOfMemory);
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

  static CommandLine commandLine(Io io) {
    return commandLine(io, new OutOfMemory());
  }

  private static CommandLine commandLine(Io io, OutOfMemory outOfMemory) {
    CommandLine cli = new CommandLine(new KordonCommand());
    cli.addSubcommand("scan", new ScanCommand(io));
    cli.addSubcommand("controls", ControlsCommand.create(io));
    cli.addSubcommand("pss", new PssCommand(io));
    cli.addSubcommand("rbac", RbacCommand.create(io));
    cli.addSubcommand("netpol", NetpolCommand.create(io));
    cli.addSubcommand("policy", PolicyCommand.create(io));
    cli.addSubcommand("admission", AdmissionCommand.create(io));
    cli.addSubcommand("node", new NodeCommand(io));
    cli.addSubcommand("audit", AuditCommand.create(io));
    cli.addSubcommand("image", ImageCommand.create(io));
    cli.addSubcommand("db", DbCommand.create(io));
    cli.addSubcommand("serve", ServeCommand.create(io));
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
