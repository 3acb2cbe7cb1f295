package dev.kordon.cli;

import dev.kordon.cluster.ClusterOptions;
import dev.kordon.cluster.ClusterRead;
import dev.kordon.cluster.ClusterSource;
import dev.kordon.cluster.DeniedListing;
import dev.kordon.control.Catalog;
import dev.kordon.control.Control;
import dev.kordon.control.PodControl;
import dev.kordon.model.ScanError;
import dev.kordon.render.RenderOptions;
import dev.kordon.render.Renderers;
import dev.kordon.snapshot.PodSpecView;
import dev.kordon.source.DefaultNamespace;
import dev.kordon.source.EmptyInput;
import dev.kordon.source.ExcludedNamespaces;
import dev.kordon.source.FileSource;
import dev.kordon.source.PathExclusions;
import dev.kordon.source.ReadResult;
import dev.kordon.source.ReaderLimits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * Where the objects of a command come from: files, directories, {@code -} for stdin, and a live
 * cluster. Every command that reads Kubernetes objects mixes this in, so that each source reaches
 * every command.
 */
final class InputOptions {

  @Parameters(paramLabel = "PATH", description = "Files or directories to read; - for stdin.")
  List<String> paths = new ArrayList<>();

  @Option(
      names = "--cluster",
      description =
          "Read a live cluster through the Kubernetes API (read-only; Secrets as metadata only).")
  boolean cluster;

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description =
          "Kubeconfig (default: ~/.kube/config, or $KUBECONFIG when set; in a pod, in-cluster).")
  String kubeconfig = "";

  @Option(
      names = "--context",
      paramLabel = "NAME",
      description = "Kubeconfig context (default: the current one).")
  String context = "";

  @Option(
      names = "--values",
      paramLabel = "FILE",
      description =
          "Helm charts among the inputs: a values file, as `helm template -f` (repeatable; later"
              + " files win).")
  List<Path> valuesFiles = new ArrayList<>();

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Helm charts among the inputs: set a value, as `helm template --set`.")
  List<String> sets = new ArrayList<>();

  @Option(
      names = "--release",
      paramLabel = "NAME",
      defaultValue = "release-name",
      description = "Helm charts among the inputs: the release name (default: ${DEFAULT-VALUE}).")
  String release = "release-name";

  /**
   * The namespace charts render into: scan's {@code --namespace} without {@code --cluster}, else
   * the default namespace.
   */
  String chartNamespace = "";

  /** Set by {@code scan --kubelet-config}, the only command whose controls judge it. */
  boolean kubeletConfig;

  @Option(
      names = "--default-namespace",
      paramLabel = "NS",
      converter = DefaultNamespaceConverter.class,
      description =
          "Namespace of the objects in files that name none, as `kubectl apply -n NS` would place"
              + " them (default: ${DEFAULT-VALUE}).",
      defaultValue = "default")
  DefaultNamespace defaultNamespace = DefaultNamespace.KUBECTL;

  // how far reading went, for the advice printed when the heap runs out (threads write these)
  private final AtomicInteger filesRead = new AtomicInteger();
  private volatile int filesToRead = -1;
  private volatile int objectsRead = -1;

  /** Turns the option's text into a namespace, refusing what is not a namespace name. */
  static final class DefaultNamespaceConverter implements ITypeConverter<DefaultNamespace> {
    @Override
    public DefaultNamespace convert(String value) {
      try {
        return new DefaultNamespace(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** Whether any input was named. */
  boolean isEmpty() {
    return paths.isEmpty() && !cluster;
  }

  /** The cluster flags without --cluster are a usage error worth naming. */
  String clusterFlagWithoutCluster(List<String> namespaces) {
    if (cluster) {
      return "";
    }
    if (!kubeconfig.isEmpty()) {
      return "--kubeconfig";
    }
    if (!context.isEmpty()) {
      return "--context";
    }
    if (!namespaces.isEmpty()) {
      return "--namespace";
    }
    return kubeletConfig ? "--kubelet-config" : "";
  }

  /** Reads every input, the whole cluster when --cluster is given. */
  ReadResult read(Io io) {
    return read(io, List.of());
  }

  /**
   * Reads every input, with a progress bar on a terminal when there are many files; a cluster is
   * listed in the given namespaces only (all when empty), cluster-scoped objects always.
   */
  ReadResult read(Io io, List<String> namespaces) {
    return read(io, namespaces, PathExclusions.NONE, ExcludedNamespaces.NONE);
  }

  /**
   * Reads every input but the excluded files, then drops the objects of excluded namespaces (for a
   * cluster, as they are listed).
   */
  ReadResult read(
      Io io, List<String> namespaces, PathExclusions excludedPaths, ExcludedNamespaces excluded) {
    OutOfMemory.primeForkJoinFailures();
    List<ReadResult> parts = new ArrayList<>();
    if (!paths.isEmpty()) {
      FileSource source = new FileSource(ReaderLimits.DEFAULT, defaultNamespace);
      FileSource.Listing listing = excludedPaths.apply(paths, source.list(paths));
      int files = listing.inputs().size();
      filesToRead = files;
      ReadResult read;
      try (Progress progress =
          new Progress(io.err(), "reading", files, io.progress() && files > 20)) {
        IntConsumer counted =
            n -> {
              filesRead.addAndGet(n);
              progress.accept(n);
            };
        read = source.read(listing, io.in(), counted);
      }
      ReadResult rendered = render(listing);
      read = ReadResult.concat(List.of(read, rendered));
      parts.add(excluded.apply(read));
      if (!cluster) {
        // judged on what the files hold, before namespaces are excluded on purpose
        EmptyInput.check(paths, listing, read)
            .ifPresent(e -> parts.add(new ReadResult(List.of(), List.of(e))));
      }
    }
    if (cluster) {
      filesToRead = Math.max(0, filesToRead);
      parts.add(readCluster(io, namespaces, excluded));
    }
    ReadResult all = ReadResult.concat(parts);
    objectsRead = all.objects().size();
    return all;
  }

  /**
   * Each chart and Kustomize directory rendered once, in the order listed; objects without a
   * namespace are in the namespace the chart was rendered for.
   */
  private ReadResult render(FileSource.Listing listing) {
    if (listing.charts().isEmpty() && listing.overlays().isEmpty()) {
      return new ReadResult(List.of(), List.of());
    }
    String namespace = chartNamespace.isEmpty() ? defaultNamespace.name() : chartNamespace;
    RenderOptions options;
    try {
      options = new RenderOptions(valuesFiles, sets, release, namespace);
    } catch (IllegalArgumentException e) {
      return new ReadResult(
          List.of(),
          List.of(ScanError.error(String.join(", ", listing.charts()), 0, e.getMessage())));
    }
    Renderers renderers = new Renderers();
    List<ReadResult> out = new ArrayList<>();
    for (String chart : listing.charts()) {
      out.add(renderers.render(Path.of(chart), chart, options));
    }
    for (String overlay : listing.overlays()) {
      out.add(renderers.render(Path.of(overlay), overlay, options));
    }
    ReadResult all = ReadResult.concat(out);
    return new ReadResult(new DefaultNamespace(namespace).apply(all.objects()), all.problems());
  }

  /**
   * How far reading went: {@code after reading 12,345 objects}, {@code while reading 2 of 9 files},
   * or empty before reading began.
   */
  String readSoFar() {
    int objects = objectsRead;
    if (objects >= 0) {
      return "after reading "
          + OutOfMemory.count(objects)
          + (objects == 1 ? " object" : " objects");
    }
    int files = filesToRead;
    if (files < 0) {
      return "";
    }
    return files == 0 || cluster
        ? "while reading the input"
        : "while reading the input (" + filesRead.get() + " of " + files + " files read)";
  }

  private ReadResult readCluster(Io io, List<String> namespaces, ExcludedNamespaces excluded) {
    ClusterOptions options =
        new ClusterOptions(
            kubeconfig,
            context,
            namespaces,
            kubeletConfig,
            ClusterOptions.DEFAULT_PAGE_SIZE,
            Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors() * 2)),
            excluded);
    ClusterRead read;
    try (ClusterSource source = ClusterSource.connect(options);
        ListingProgress progress = new ListingProgress(io.err(), io.progress())) {
      read = source.read(progress);
    }
    List<ScanError> problems = new ArrayList<>(read.problems());
    for (String warning : warnings(read.context(), read.denied())) {
      io.err().println("kordon: warning: " + warning);
      problems.add(ScanError.note("cluster " + read.context(), 0, warning));
    }
    return new ReadResult(read.objects(), problems);
  }

  /** One warning per refused kind: the missing permission and the controls that could not run. */
  static List<String> warnings(String context, List<DeniedListing> denied) {
    Map<String, List<DeniedListing>> byKind = new LinkedHashMap<>();
    for (DeniedListing d : denied) {
      byKind.computeIfAbsent(d.kind(), k -> new ArrayList<>()).add(d);
    }
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, List<DeniedListing>> e : byKind.entrySet()) {
      List<DeniedListing> ds = e.getValue();
      DeniedListing first = ds.get(0);
      String where =
          ds.size() == 1
              ? first.permission()
              : first.verb()
                  + " "
                  + first.resource()
                  + " in namespaces "
                  + String.join(", ", ds.stream().map(DeniedListing::namespace).toList());
      TreeSet<String> controls = new TreeSet<>();
      for (Control c : Catalog.builtIn().controls()) {
        boolean reads =
            c.info().kinds().contains(e.getKey())
                || (c instanceof PodControl && PodSpecView.isWorkloadKind(e.getKey()));
        if (reads) {
          controls.add(c.info().id());
        }
      }
      out.add(
          "context \""
              + context
              + "\" may not "
              + where
              + "; "
              + e.getKey()
              + " objects were not scanned"
              + (controls.isEmpty()
                  ? ""
                  : "; controls that could not judge them: " + String.join(", ", controls)));
    }
    return out;
  }
}
