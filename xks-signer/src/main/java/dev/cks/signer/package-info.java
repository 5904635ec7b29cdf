/**
 * AWS Signature Version 4 (SigV4) signing and verification, with a fast path for XKS proxy
 * requests. The package needs nothing but the JDK.
 *
 * <h2>Signing XKS proxy requests</h2>
 *
 * <p>{@link dev.cks.signer.XksRequestSigner} signs what AWS KMS sends to an external key store
 * proxy: a {@code POST} of a JSON body, signed for service {@code kms-xks-proxy} over {@code host}
 * and {@code x-amz-date}. Build one per set of proxy authentication credentials and share it
 * between threads:
 *
 * <pre>{@code
 * XksRequestSigner signer = XksRequestSigner.builder()
 *     .region("us-east-1")
 *     .credentials(SigV4Credentials.of(accessKeyId, rawSecretAccessKey))
 *     .build();
 * SignatureHeaders headers =
 *     signer.sign("xks.example.com:8443", "/example/kms/xks/v1/keys/k1/encrypt", body);
 * headers.forEach(requestBuilder::header); // Authorization, X-Amz-Date
 * }</pre>
 *
 * <p>The {@code host} argument is the {@code Host} header value the request will carry ({@code
 * :port} included when it is not 443), {@code path} the raw request path, and {@code body} the
 * exact bytes that will be sent. {@link dev.cks.signer.XksRequestSigner.Builder#contentSha256Header
 * contentSha256Header(true)} adds and signs {@code x-amz-content-sha256}; a clock can be given for
 * tests.
 *
 * <h2>Signing any request</h2>
 *
 * <p>{@link dev.cks.signer.SigV4Signer} signs a {@link dev.cks.signer.SigningRequest} of any
 * method, path, query, headers and body, for any region and service, with an optional session token
 * and optional {@code x-amz-content-sha256}. Both signers give byte-for-byte the signatures the AWS
 * SDK for Java v2 gives for the same request.
 *
 * <h2>Verifying</h2>
 *
 * <p>{@link dev.cks.signer.SigV4Verifier} checks received requests: it looks up the secret by the
 * access key id through a {@link dev.cks.signer.CredentialLookup} (which may hold several active
 * credentials and change at run time, for rotation without restart), recomputes the signature over
 * the headers the request's own {@code SignedHeaders} names, checks the credential scope and the
 * request time against its clock (5 minutes of skew by default) and compares in constant time. The
 * {@link dev.cks.signer.VerificationResult} says why a request was rejected with a {@link
 * dev.cks.signer.VerificationOutcome}, never revealing a secret.
 *
 * <pre>{@code
 * SigV4Verifier verifier = SigV4Verifier.builder()
 *     .region("us-east-1")
 *     .credentials(CredentialLookup.of(current, next))
 *     .build();
 * VerificationResult result =
 *     verifier.verify("POST", rawPath, rawQuery, exchange.getRequestHeaders()::get, body);
 * if (!result.accepted()) {
 *   // result.outcome() names the reason, result.message() describes it
 * }
 * }</pre>
 *
 * <p>A {@link dev.cks.signer.HeaderSource} gives all values of a header by lower-case name; the
 * JDK's {@code com.sun.net.httpserver.Headers::get} is one, and {@link
 * dev.cks.signer.HeaderSource#of HeaderSource.of(map)} makes one from any map.
 *
 * <h2>Threads and memory</h2>
 *
 * <p>Signers and verifiers are immutable and thread-safe. They keep derived signing keys (bounded:
 * one per UTC day for a signer, a configurable number for a verifier) and small bounded caches of
 * canonical request parts; each thread that signs or verifies keeps one SHA-256 instance, one
 * HMAC-SHA256 instance and a few KiB of buffers.
 *
 * <h2>Secrets</h2>
 *
 * <p>{@link dev.cks.signer.SigV4Credentials} holds the secret access key; neither it nor a derived
 * signing key appears in any {@code toString}, exception or result of this package.
 */
package dev.cks.signer;
