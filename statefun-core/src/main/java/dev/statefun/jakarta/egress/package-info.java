/**
 * Messages to egresses: Kafka and Kinesis records, or any typed value
 * ({@link dev.statefun.jakarta.egress.EgressMessage}).
 */
package dev.statefun.jakarta.egress;
