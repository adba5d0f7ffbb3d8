package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
)

// Envelope is the Go event bus's envelope (jxt-core sdk/pkg/eventbus/envelope.go): same fields, same JSON tags.
type Envelope struct {
	EventID       string          `json:"event_id"`
	AggregateID   string          `json:"aggregate_id"`
	EventType     string          `json:"event_type"`
	EventVersion  int64           `json:"event_version"`
	Timestamp     time.Time       `json:"timestamp"`
	TraceID       string          `json:"trace_id,omitempty"`
	CorrelationID string          `json:"correlation_id,omitempty"`
	TenantID      int             `json:"tenant_id,omitempty"`
	Payload       json.RawMessage `json:"payload"`
}

// Validate applies the Go event bus's rules (Envelope.Validate).
func (e *Envelope) Validate() error {
	if strings.TrimSpace(e.EventID) == "" {
		return errors.New("event_id is required")
	}
	if strings.TrimSpace(e.AggregateID) == "" {
		return errors.New("aggregate_id is required")
	}
	if strings.TrimSpace(e.EventType) == "" {
		return errors.New("event_type is required")
	}
	if e.EventVersion <= 0 {
		return errors.New("event_version must be positive")
	}
	if len(e.Payload) == 0 {
		return errors.New("payload is required")
	}
	if err := validateAggregateID(e.AggregateID); err != nil {
		return fmt.Errorf("invalid aggregate_id: %w", err)
	}
	return nil
}

func validateAggregateID(id string) error {
	id = strings.TrimSpace(id)
	if id == "" {
		return errors.New("aggregate_id cannot be empty")
	}
	if len(id) > 256 {
		return errors.New("aggregate_id too long (max 256 characters)")
	}
	for _, r := range id {
		switch {
		case r >= 'a' && r <= 'z':
		case r >= 'A' && r <= 'Z':
		case r >= '0' && r <= '9':
		case r == ':' || r == '_' || r == '-' || r == '.' || r == '/':
		default:
			return fmt.Errorf("aggregate_id contains invalid character: %c", r)
		}
	}
	return nil
}

// fromBytes decodes and validates like the Go bus's FromBytes.
func fromBytes(data []byte) (*Envelope, error) {
	var env Envelope
	if err := json.Unmarshal(data, &env); err != nil {
		return nil, fmt.Errorf("failed to unmarshal envelope: %w", err)
	}
	if err := env.Validate(); err != nil {
		return nil, fmt.Errorf("invalid envelope: %w", err)
	}
	return &env, nil
}

// summary is what a consume reports: counts, and the order of each aggregate's versions as they arrived.
type summary struct {
	Count            int            `json:"count"`
	Aggregates       int            `json:"aggregates"`
	Invalid          int            `json:"invalid"`
	FirstInvalid     string         `json:"firstInvalid,omitempty"`
	Violations       int            `json:"violations"`
	FirstViolation   string         `json:"firstViolation,omitempty"`
	Duplicates       int            `json:"duplicates"`
	Lost             int            `json:"lost"`
	HeaderMismatches int            `json:"headerMismatches"`
	PartitionSplits  int            `json:"partitionSplits"`
	Traced           int            `json:"traced"`
	Correlated       int            `json:"correlated"`
	Tenants          map[string]int `json:"tenants"`
	EventTypes       []string       `json:"eventTypes"`
}

// collector checks events as they arrive, from any goroutine: version must be last + 1 per aggregate.
type collector struct {
	mu         sync.Mutex
	expected   int
	s          summary
	last       map[string]int64
	partitions map[string]map[int32]bool
	seen       map[string]bool
	types      map[string]bool
	done       chan struct{}
	closed     bool
}

func newCollector(expected int) *collector {
	return &collector{expected: expected, last: map[string]int64{}, partitions: map[string]map[int32]bool{},
		seen: map[string]bool{}, types: map[string]bool{}, done: make(chan struct{}),
		s: summary{Tenants: map[string]int{}}}
}

// record takes one message; headerProblem is non-empty when the transport's metadata disagrees with the envelope.
func (c *collector) record(value []byte, partition int32, headerProblem func(*Envelope) string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.s.Count++
	env, err := fromBytes(value)
	if err != nil {
		c.s.Invalid++
		if c.s.FirstInvalid == "" {
			c.s.FirstInvalid = err.Error()
		}
		return
	}
	if problem := headerProblem(env); problem != "" {
		c.s.HeaderMismatches++
		if c.s.FirstInvalid == "" {
			c.s.FirstInvalid = problem
		}
	}
	id := env.AggregateID
	if c.partitions[id] == nil {
		c.partitions[id] = map[int32]bool{}
	}
	c.partitions[id][partition] = true
	last := c.last[id]
	switch {
	case env.EventVersion <= last:
		c.s.Duplicates++
	case env.EventVersion != last+1:
		c.s.Violations++
		if c.s.FirstViolation == "" {
			c.s.FirstViolation = fmt.Sprintf("%s: %d after %d", id, env.EventVersion, last)
		}
		c.last[id] = env.EventVersion
	default:
		c.last[id] = env.EventVersion
	}
	if env.TraceID != "" {
		c.s.Traced++
	}
	if env.CorrelationID != "" {
		c.s.Correlated++
	}
	c.s.Tenants[fmt.Sprint(env.TenantID)]++
	if !c.types[env.EventType] && len(c.types) < 10 {
		c.types[env.EventType] = true
		c.s.EventTypes = append(c.s.EventTypes, env.EventType)
	}
	c.seen[fmt.Sprintf("%s@%d", id, env.EventVersion)] = true
	if len(c.seen) >= c.expected && !c.closed {
		c.closed = true
		close(c.done)
	}
}

// result completes the summary.
func (c *collector) result() summary {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.s
	s.Aggregates = len(c.last)
	if lost := c.expected - len(c.seen); lost > 0 {
		s.Lost = lost
	}
	for _, parts := range c.partitions {
		if len(parts) > 1 {
			s.PartitionSplits++
		}
	}
	return s
}
