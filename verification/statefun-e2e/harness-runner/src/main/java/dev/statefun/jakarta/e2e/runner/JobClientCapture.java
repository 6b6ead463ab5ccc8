package dev.statefun.jakarta.e2e.runner;

import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.JobListener;

/**
 * Hands the submitted job's {@link JobClient} to the runner: {@code Harness.start()} blocks and
 * keeps the client to itself, and cancelling through the client is the only clean stop.
 * Flink instantiates this class from the {@code execution.job-listeners} configuration.
 */
public final class JobClientCapture implements JobListener {
  static final CompletableFuture<JobClient> CLIENT = new CompletableFuture<>();

  @Override
  public void onJobSubmitted(JobClient jobClient, Throwable throwable) {
    // Flink registers listeners from the configuration both when it creates the environment and
    // when the harness configures it: two instances, one report.
    if (jobClient != null) {
      if (CLIENT.complete(jobClient)) {
        Protocol.emit("job-submitted", jobClient.getJobID().toString());
      }
    } else {
      CLIENT.completeExceptionally(throwable);
    }
  }

  @Override
  public void onJobExecuted(JobExecutionResult result, Throwable throwable) {}
}
