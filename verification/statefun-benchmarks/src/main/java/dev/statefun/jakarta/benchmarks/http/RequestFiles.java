package dev.statefun.jakarta.benchmarks.http;

import dev.statefun.jakarta.benchmarks.GreetRequests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the HTTP benchmark's request bodies once, so that every contender gets the same bytes:
 * {@code batch-<n>.bin}, a {@code ToFunction} for the greeter with {@code n} invocations
 * ({@link GreetRequests#batch}).
 */
public final class RequestFiles {
  private RequestFiles() {}

  /** The file holding the batch of {@code size} invocations under {@code dir}. */
  public static Path file(Path dir, int size) {
    return dir.resolve("batch-" + size + ".bin");
  }

  /** {@code RequestFiles <dir> [size...]}: sizes 1 and 100 unless given. */
  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      throw new IllegalArgumentException("usage: RequestFiles <dir> [batch size...]");
    }
    Path dir = Files.createDirectories(Path.of(args[0]));
    String[] sizes = args.length > 1 ? java.util.Arrays.copyOfRange(args, 1, args.length) : new String[] {"1", "100"};
    for (String size : sizes) {
      Path file = Files.write(file(dir, Integer.parseInt(size)), GreetRequests.batch(Integer.parseInt(size)));
      System.out.println("wrote " + file + " (" + Files.size(file) + " bytes)");
    }
  }
}
