package dev.cks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.immutables.value.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Leaving out a required part of a staged builder is a compile error, not a runtime one. */
class StagedBuilderCompileTest {

  private static final String COMPLETE =
      "ExternalKeyStoreSpec.builder()\n"
          + "    .name(\"ExamplePublicEndpointKeyStore\")\n"
          + "    .proxyUriEndpoint(\"https://myproxy.xks.example.com\")\n"
          + "    .connectivity(XksProxyConnectivity.publicEndpoint())\n"
          + "    .proxyUriPath(\"/kms/xks/v1\")\n"
          + "    .proxyCredential(credential)\n"
          + "    .build()";

  @TempDir Path output;

  @Test
  void compile_withEveryRequiredPart_succeeds() {
    assertThat(compile(COMPLETE)).isEmpty();
  }

  @Test
  void compile_withoutProxyUriPath_failsBecauseTheStageHasNoCredentialMethod() {
    List<String> errors = compile(COMPLETE.replace("    .proxyUriPath(\"/kms/xks/v1\")\n", ""));

    assertThat(errors).hasSize(1);
    assertThat(errors.get(0))
        .contains("cannot find symbol")
        .contains("proxyCredential(dev.cks.XksProxyCredential)")
        .contains("ImmutableExternalKeyStoreSpec.ProxyUriPathBuildStage");
  }

  @Test
  void compile_withoutCredential_failsBecauseBuildIsNotReachable() {
    List<String> errors = compile(COMPLETE.replace("    .proxyCredential(credential)\n", ""));

    assertThat(errors).hasSize(1);
    assertThat(errors.get(0))
        .contains("cannot find symbol")
        .contains("build()")
        .contains("ImmutableExternalKeyStoreSpec.ProxyCredentialBuildStage");
  }

  @Test
  void compile_ofCloudHsmSpecWithoutPassword_fails() {
    String snippet =
        "CloudHsmKeyStoreSpec.builder()\n"
            + "    .name(\"ExampleKeyStore\")\n"
            + "    .cloudHsmClusterId(\"cluster-234abcdefABC\")\n"
            + "    .trustAnchorCertificate(\"pem\")\n"
            + "    .build()";

    List<String> errors = compile(snippet);

    assertThat(errors).hasSize(1);
    assertThat(errors.get(0))
        .contains("build()")
        .contains("ImmutableCloudHsmKeyStoreSpec.KeyStorePasswordBuildStage");
  }

  /** Compiles a class using the expression and returns the error messages. */
  private List<String> compile(String expression) {
    String source =
        "package example;\n"
            + "import dev.cks.*;\n"
            + "class Snippet {\n"
            + "  Object spec(XksProxyCredential credential) {\n"
            + "    return "
            + expression
            + ";\n"
            + "  }\n"
            + "}\n";
    JavaFileObject file =
        new SimpleJavaFileObject(
            URI.create("string:///example/Snippet.java"), JavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return source;
          }
        };
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    List<String> options =
        List.of("-classpath", classPath(), "-d", output.toString(), "--release", "17");
    compiler.getTask(null, null, diagnostics, options, null, List.of(file)).call();

    List<String> errors = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
      if (diagnostic.getKind() == Diagnostic.Kind.ERROR) {
        errors.add(diagnostic.getMessage(Locale.ROOT));
      }
    }
    return errors;
  }

  /**
   * The test runtime class path, plus the locations of the core classes and of the Immutables
   * processor, in case the runner hides the class path behind a manifest-only jar.
   */
  private static String classPath() {
    Set<String> entries =
        new LinkedHashSet<>(
            List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
    for (Class<?> type : List.of(ExternalKeyStoreSpec.class, Value.class)) {
      try {
        entries.add(
            Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
      } catch (java.net.URISyntaxException e) {
        throw new IllegalStateException(e);
      }
    }
    return String.join(File.pathSeparator, entries);
  }
}
