// Package kafka is the Kafka sink of the capture engine: it creates or
// checks topics and writes batches of pre-encoded messages, each to the
// partition the dispatcher chose, returning only once Kafka acknowledged
// all of them.
//
// # Why kafka-go's Client.Produce and not its Writer
//
// kafka.Writer batches per partition and flushes a partial batch only after
// BatchTimeout, so a synchronous WriteMessages whose messages spread over
// several partitions waits that timeout on every call (kafka-go #1067,
// #852), and its partition choice goes through a Balancer. The Producer
// uses the lower-level kafka.(*Client).Produce instead: per call it groups
// the messages by partition (a stable counting sort, no allocation in the
// steady state), sends one request per partition with at most BatchSize
// messages and BatchBytes bytes, partitions concurrently (MaxInFlight) and
// requests of one partition strictly one after another. Nothing waits on a
// timer. Records are streamed from the caller's messages into kafka-go's
// encoder without copies.
//
// Measured with BenchmarkProduce (1,000 messages of ~200 bytes over 3
// partitions per call, acks=all, kfake in-process on 2 shared vCPUs):
//
//	Producer                                      ~2.5 M msgs/s  0.39-0.45 µs/msg
//	Producer, lz4                                 ~3.5 M msgs/s  0.28-0.31 µs/msg
//	Client.Produce, records built per call        ~0.8 M msgs/s  1.25 µs/msg
//	Writer, explicit partition, BatchTimeout 1ms  ~0.43 M msgs/s 2.3 µs/msg
//	Writer, explicit partition, BatchTimeout 5ms  ~0.16 M msgs/s 6.3 µs/msg
//	Writer, defaults but BatchTimeout 5ms         ~0.16 M msgs/s 6.2 µs/msg
//
// Every Writer call waits about one BatchTimeout; the Producer waits for
// nothing but the acknowledgements.
//
// # Ordering and retries
//
// A partition has one request in flight at a time. When a request fails
// with a retryable error (IsRetryable: network, broker or leader
// unavailable, timeouts, stale metadata), the same request is sent again
// after a backoff, and only then the rest of the partition's messages, so
// a later message never overtakes an earlier one; retries go on until the
// caller's context ends. Fatal errors (authentication, authorisation, TLS
// verification, message too large) end the call at once. kafka-go has no
// idempotent producer, so a request whose acknowledgement was lost is
// written twice: delivery is at-least-once and per-key order holds for the
// last copy. If the broker still applies an abandoned request after its
// retry succeeded on another connection, that copy lands later; brokers
// append a request before they wait for replicas, so this needs a request
// stuck unread in the broker for the whole request timeout.
//
// # Topics
//
// EnsureTopic creates a missing topic with PartitionNum partitions (3 by
// default) and ReplicationFactor when AutoCreateTopic is set, and returns
// an existing topic's own partition count otherwise. It reads the topic's
// max.message.bytes and caps MaxMessageBytes at that value minus 128, as
// TiCDC does; a message whose key, value and 36 bytes of overhead exceed
// the limit fails the write with TiCDC's ErrMessageTooLarge text before
// anything is sent.
package kafka
