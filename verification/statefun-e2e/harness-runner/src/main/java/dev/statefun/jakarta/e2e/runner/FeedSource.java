package dev.statefun.jakarta.e2e.runner;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.source.SourceFunction;

/**
 * Follows the messages file (like {@code tail -f}) and emits each complete line as a
 * {@link FeedMessage}. It never finishes by itself, so delayed messages still fire after the last
 * line; the driver stops the job by cancelling it.
 *
 * <p>The read position is checkpointed, so after a restore the job resumes after the last line of
 * the checkpoint: with checkpointing on, every line reaches the functions' state exactly once.
 */
final class FeedSource implements SourceFunction<FeedMessage>, CheckpointedFunction, CheckpointListener {
  private static final long serialVersionUID = 1L;

  // Set by the control thread ("fail" on stdin); statics are shared because a MiniCluster runs
  // the job in this JVM, with the application class loader.
  private static final AtomicBoolean FAILURE_REQUESTED = new AtomicBoolean();

  private final String file;
  private final long pollMillis;

  private transient volatile boolean running;
  private transient long offset;
  private transient long lineNumber;
  private transient ListState<Long> positionState;

  FeedSource(Path file, long pollMillis) {
    this.file = file.toAbsolutePath().toString();
    this.pollMillis = pollMillis;
  }

  /** Makes the running source throw once, which fails the job (a restart strategy may recover). */
  static void requestFailure() {
    FAILURE_REQUESTED.set(true);
  }

  @Override
  public void initializeState(FunctionInitializationContext context) throws Exception {
    positionState = context.getOperatorStateStore()
        .getListState(new ListStateDescriptor<>("statefun-e2e-feed-position", Types.LONG));
    offset = 0;
    lineNumber = 0;
    if (context.isRestored()) {
      // Two entries: byte offset and line number.
      var restored = new java.util.ArrayList<Long>();
      positionState.get().forEach(restored::add);
      if (restored.size() == 2) {
        offset = restored.get(0);
        lineNumber = restored.get(1);
      }
      Protocol.emit("feed-restored", Long.toString(lineNumber));
    }
  }

  @Override
  public void snapshotState(FunctionSnapshotContext context) throws Exception {
    positionState.update(java.util.List.of(offset, lineNumber));
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) {
    Protocol.emit("checkpoint", Long.toString(checkpointId));
  }

  @Override
  public void run(SourceContext<FeedMessage> ctx) throws Exception {
    running = true;
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    byte[] pending = new byte[0];
    try (FileChannel channel = FileChannel.open(Paths.get(file), StandardOpenOption.READ)) {
      long readPosition = offset;
      while (running) {
        if (FAILURE_REQUESTED.compareAndSet(true, false)) {
          Protocol.emit("forced-failure");
          throw new IllegalStateException("Job failure forced by the statefun-e2e driver ('fail' command)");
        }
        buffer.clear();
        int read = channel.read(buffer, readPosition);
        if (read <= 0) {
          Thread.sleep(pollMillis);
          continue;
        }
        readPosition += read;
        byte[] chunk = new byte[pending.length + read];
        System.arraycopy(pending, 0, chunk, 0, pending.length);
        System.arraycopy(buffer.array(), 0, chunk, pending.length, read);
        int lineStart = 0;
        for (int i = 0; i < chunk.length; i++) {
          if (chunk[i] != '\n') {
            continue;
          }
          String line = new String(chunk, lineStart, i - lineStart, StandardCharsets.UTF_8);
          long consumed = i + 1 - lineStart;
          lineStart = i + 1;
          FeedMessage message = FeedLines.parse(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line,
              lineNumber + 1);
          // Emit and advance under the checkpoint lock: a checkpoint sees both or neither.
          synchronized (ctx.getCheckpointLock()) {
            if (message != null) {
              ctx.collect(message);
            }
            offset += consumed;
            lineNumber++;
          }
        }
        // An incomplete last line waits for its newline.
        pending = java.util.Arrays.copyOfRange(chunk, lineStart, chunk.length);
      }
    } catch (IOException e) {
      throw new IOException("Cannot read the messages file " + file, e);
    }
  }

  @Override
  public void cancel() {
    running = false;
  }
}
