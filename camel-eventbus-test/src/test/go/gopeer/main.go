// Command gopeer is the foreign peer of the eventbus integration tests: it publishes and consumes events the way the
// Go event bus (jxt-core sdk/pkg/eventbus) does on the wire, with sarama and nats.go. One command per stdin line, one
// answer per stdout line ("ok ...", "error ...", or a JSON summary):
//
//	kafka-publish <topic> <aggregatePrefix> <aggregates> <fromVersion> <toVersion> [eventType]
//	nats-stream <topic>                      creates STREAM_<topic> with subjects [topic], as the Go bus does
//	nats-publish <topic> <aggregatePrefix> <aggregates> <fromVersion> <toVersion> [eventType]
//	kafka-consume <topic> <group> <expected> starts a consumer group in the background
//	nats-consume <topic> <durable> <expected> starts a durable pull consumer in the background
//	await <timeoutSeconds>                   waits for the running consume, stops it, prints its summary
//
// Usage: gopeer <kafkaBrokers|-> <natsUrl|->
package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/Shopify/sarama"
	"github.com/nats-io/nats.go"
)

type peer struct {
	brokers []string
	natsURL string
	nc      *nats.Conn
	js      nats.JetStreamContext
	running *collector
	stop    func()
}

func main() {
	p := &peer{natsURL: os.Args[2]}
	if os.Args[1] != "-" {
		p.brokers = strings.Split(os.Args[1], ",")
	}
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		line := strings.TrimSpace(in.Text())
		if line == "" {
			continue
		}
		answer, err := p.run(strings.Fields(line))
		if err != nil {
			answer = "error " + strings.ReplaceAll(err.Error(), "\n", " ")
		}
		fmt.Println(answer)
	}
	if p.stop != nil {
		p.stop()
	}
}

func (p *peer) run(args []string) (string, error) {
	switch args[0] {
	case "kafka-publish":
		return p.kafkaPublish(args[1:])
	case "nats-stream":
		return p.natsStream(args[1])
	case "nats-publish":
		return p.natsPublish(args[1:])
	case "kafka-consume":
		return p.kafkaConsume(args[1], args[2], atoi(args[3]))
	case "nats-consume":
		return p.natsConsume(args[1], args[2], atoi(args[3]))
	case "await":
		return p.await(time.Duration(atoi(args[1])) * time.Second)
	}
	return "", fmt.Errorf("unknown command %q", args[0])
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// envelopes builds version from..to of aggregates prefix-0 .. prefix-(n-1), versions outermost.
func envelopes(args []string) []*Envelope {
	prefix, n, from, to := args[1], atoi(args[2]), atoi(args[3]), atoi(args[4])
	eventType := "LineAdded"
	if len(args) > 5 {
		eventType = args[5]
	}
	var out []*Envelope
	for v := from; v <= to; v++ {
		for a := 0; a < n; a++ {
			id := fmt.Sprintf("%s-%d", prefix, a)
			out = append(out, &Envelope{EventID: uuid(), AggregateID: id, EventType: eventType,
				EventVersion: int64(v), Timestamp: time.Now(), TraceID: "trace-" + id, CorrelationID: "corr-" + id,
				TenantID: 42, Payload: json.RawMessage(fmt.Sprintf(`{"aggregate":%q,"version":%d,"by":"go"}`, id, v))})
		}
	}
	return out
}

func uuid() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

func (p *peer) kafkaConfig() *sarama.Config {
	cfg := sarama.NewConfig()
	cfg.Version = sarama.V2_1_0_0
	cfg.ClientID = "gopeer"
	cfg.Producer.RequiredAcks = sarama.WaitForAll
	cfg.Producer.Partitioner = sarama.NewHashPartitioner // the Go event bus's partitioner
	cfg.Producer.Return.Successes = true
	cfg.Consumer.Offsets.Initial = sarama.OffsetOldest
	return cfg
}

// kafkaPublish sends every envelope as the Go bus's PublishEnvelope does (key and X-* headers) and waits for the acks.
func (p *peer) kafkaPublish(args []string) (string, error) {
	producer, err := sarama.NewSyncProducer(p.brokers, p.kafkaConfig())
	if err != nil {
		return "", err
	}
	defer producer.Close()
	var msgs []*sarama.ProducerMessage
	for _, e := range envelopes(args) {
		if err := e.Validate(); err != nil {
			return "", err
		}
		value, err := json.Marshal(e)
		if err != nil {
			return "", err
		}
		msgs = append(msgs, &sarama.ProducerMessage{Topic: args[0], Key: sarama.StringEncoder(e.AggregateID),
			Value: sarama.ByteEncoder(value), Headers: []sarama.RecordHeader{
				{Key: []byte("X-Event-ID"), Value: []byte(e.EventID)},
				{Key: []byte("X-Aggregate-ID"), Value: []byte(e.AggregateID)},
				{Key: []byte("X-Event-Version"), Value: []byte(fmt.Sprintf("%d", e.EventVersion))},
				{Key: []byte("X-Event-Type"), Value: []byte(e.EventType)},
				{Key: []byte("X-Trace-ID"), Value: []byte(e.TraceID)},
				{Key: []byte("X-Correlation-ID"), Value: []byte(e.CorrelationID)},
				{Key: []byte("X-Tenant-ID"), Value: []byte(fmt.Sprintf("%d", e.TenantID))},
			}})
	}
	if err := producer.SendMessages(msgs); err != nil {
		return "", err
	}
	return fmt.Sprintf("ok %d", len(msgs)), nil
}

type groupHandler struct{ c *collector }

func (h groupHandler) Setup(sarama.ConsumerGroupSession) error   { return nil }
func (h groupHandler) Cleanup(sarama.ConsumerGroupSession) error { return nil }

// ConsumeClaim runs once per partition, in its own goroutine: partitions are consumed in parallel.
func (h groupHandler) ConsumeClaim(sess sarama.ConsumerGroupSession, claim sarama.ConsumerGroupClaim) error {
	for msg := range claim.Messages() {
		h.c.record(msg.Value, msg.Partition, func(e *Envelope) string { return kafkaHeaderProblem(msg, e) })
		sess.MarkMessage(msg, "")
	}
	return nil
}

// kafkaHeaderProblem compares key and the X-* headers our publishers write with the envelope.
func kafkaHeaderProblem(msg *sarama.ConsumerMessage, e *Envelope) string {
	want := map[string]string{"X-Event-ID": e.EventID, "X-Aggregate-ID": e.AggregateID,
		"X-Event-Version": fmt.Sprint(e.EventVersion), "X-Event-Type": e.EventType}
	if string(msg.Key) != e.AggregateID {
		return fmt.Sprintf("key %q, aggregate %q", msg.Key, e.AggregateID)
	}
	for _, h := range msg.Headers {
		if w, ok := want[string(h.Key)]; ok {
			if string(h.Value) != w {
				return fmt.Sprintf("header %s=%q, envelope %q", h.Key, h.Value, w)
			}
			delete(want, string(h.Key))
		}
	}
	if len(want) > 0 {
		return fmt.Sprintf("headers missing: %v", want)
	}
	return ""
}

func (p *peer) kafkaConsume(topic, group string, expected int) (string, error) {
	if p.running != nil {
		return "", fmt.Errorf("a consume is already running")
	}
	cg, err := sarama.NewConsumerGroup(p.brokers, group, p.kafkaConfig())
	if err != nil {
		return "", err
	}
	c := newCollector(expected)
	p.background(c, func(ctx context.Context) {
		if err := cg.Consume(ctx, []string{topic}, groupHandler{c}); err != nil {
			fmt.Fprintln(os.Stderr, "consume:", err)
			time.Sleep(200 * time.Millisecond)
		}
	}, func() { cg.Close() })
	return "ok consuming", nil
}

// background runs step until the consume is stopped (await), then cleanup.
func (p *peer) background(c *collector, step func(context.Context), cleanup func()) {
	ctx, cancel := context.WithCancel(context.Background())
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		for ctx.Err() == nil {
			step(ctx)
		}
	}()
	p.running, p.stop = c, func() { cancel(); <-finished; cleanup() }
}

func (p *peer) jetStream() (nats.JetStreamContext, error) {
	if p.js == nil {
		nc, err := nats.Connect(p.natsURL, nats.Name("gopeer"))
		if err != nil {
			return nil, err
		}
		js, err := nc.JetStream(nats.PublishAsyncMaxPending(4096))
		if err != nil {
			return nil, err
		}
		p.nc, p.js = nc, js
	}
	return p.js, nil
}

// natsStream creates the topic's stream as the Go bus's createStreamForTopic does.
func (p *peer) natsStream(topic string) (string, error) {
	js, err := p.jetStream()
	if err != nil {
		return "", err
	}
	name := "STREAM_" + strings.ReplaceAll(topic, ".", "_")
	_, err = js.AddStream(&nats.StreamConfig{Name: name, Subjects: []string{topic}, Storage: nats.FileStorage,
		Retention: nats.LimitsPolicy, Replicas: 1})
	if err != nil {
		return "", err
	}
	return "ok " + name, nil
}

// natsPublish publishes the envelopes without headers on subject = topic (PublishEnvelope) and waits for the acks.
func (p *peer) natsPublish(args []string) (string, error) {
	js, err := p.jetStream()
	if err != nil {
		return "", err
	}
	var futures []nats.PubAckFuture
	for _, e := range envelopes(args) {
		value, err := json.Marshal(e)
		if err != nil {
			return "", err
		}
		f, err := js.PublishAsync(args[0], value)
		if err != nil {
			return "", err
		}
		futures = append(futures, f)
	}
	select {
	case <-js.PublishAsyncComplete():
	case <-time.After(30 * time.Second):
		return "", fmt.Errorf("acks missing after 30 s")
	}
	for _, f := range futures {
		select {
		case err := <-f.Err():
			return "", err
		default:
		}
	}
	return fmt.Sprintf("ok %d", len(futures)), nil
}

// natsConsume reads with a durable pull consumer as the Go bus does (PullSubscribe(topic, durable), Fetch, Ack).
func (p *peer) natsConsume(topic, durable string, expected int) (string, error) {
	if p.running != nil {
		return "", fmt.Errorf("a consume is already running")
	}
	js, err := p.jetStream()
	if err != nil {
		return "", err
	}
	sub, err := js.PullSubscribe(topic, durable)
	if err != nil {
		return "", err
	}
	c := newCollector(expected)
	p.background(c, func(context.Context) {
		msgs, err := sub.Fetch(500, nats.MaxWait(100*time.Millisecond))
		if err != nil && err != nats.ErrTimeout {
			fmt.Fprintln(os.Stderr, "fetch:", err)
		}
		for _, m := range msgs {
			c.record(m.Data, 0, func(*Envelope) string { return "" })
			_ = m.Ack()
		}
	}, func() { _ = sub.Unsubscribe() })
	return "ok consuming", nil
}

func (p *peer) await(timeout time.Duration) (string, error) {
	c := p.running
	if c == nil {
		return "", fmt.Errorf("no consume running")
	}
	select {
	case <-c.done:
	case <-time.After(timeout):
	}
	p.stop()
	p.running, p.stop = nil, nil
	out, err := json.Marshal(c.result())
	return string(out), err
}
