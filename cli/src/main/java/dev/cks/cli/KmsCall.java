package dev.cks.cli;

import dev.cks.client.WaitTimeoutException;
import dev.cks.diagnosis.Diagnosis;
import dev.cks.errors.KmsException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Runs the work of a command that calls KMS, and turns what can go wrong there into a line on
 * standard error and an exit status: 1 when KMS refused a call (with the diagnosis of its error
 * where there is one) or could not be called, 3 when a wait ran out of time.
 */
final class KmsCall {

  /** Exit status of a wait that ran out of time. */
  static final int TIMED_OUT = 3;

  private KmsCall() {}

  /** The work: returns the command's exit status. */
  interface Work {
    int run() throws IOException;
  }

  static int run(PrintWriter err, Work work) {
    try {
      return work.run();
    } catch (WaitTimeoutException e) {
      err.println(e.getMessage());
      err.flush();
      return TIMED_OUT;
    } catch (KmsException e) {
      err.println(e.errorName() + ": " + e.getMessage());
      Diagnosis.of(e).ifPresent(d -> err.print(d.toText()));
      err.flush();
      return 1;
    } catch (SdkClientException e) {
      // No credentials, no Region, or no answer: the SDK's message says which.
      err.println("cannot call KMS: " + e.getMessage());
      err.flush();
      return 1;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the result", e);
    }
  }
}
