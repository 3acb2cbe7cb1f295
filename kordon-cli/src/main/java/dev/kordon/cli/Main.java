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
    int code = run(args, new Io(System.in, out, err, terminal, System.getenv()));
    out.flush();
    System.exit(code);
  }

  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    return run(args, new Io(in, out, err, false, Map.of()));
  }

  public static int run(String[] args, Io io) {
    CommandLine cli = commandLine(io);
    return cli.execute(args);
  }

  static CommandLine commandLine(Io io) {
    CommandLine cli = new CommandLine(new KordonCommand());
    cli.addSubcommand("scan", new ScanCommand(io));
    cli.addSubcommand("controls", ControlsCommand.create(io));
    cli.addSubcommand("pss", new PssCommand(io));
    cli.addSubcommand("rbac", RbacCommand.create(io));
    cli.addSubcommand("netpol", NetpolCommand.create(io));
    cli.addSubcommand("policy", PolicyCommand.create(io));
    cli.addSubcommand("admission", AdmissionCommand.create(io));
    cli.setOut(new PrintWriter(io.out(), true, StandardCharsets.UTF_8));
    cli.setErr(new PrintWriter(io.err(), true, StandardCharsets.UTF_8));
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
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
