// Prints the partition sarama's default hash partitioner (sarama.NewHashPartitioner, the partitioner of the Go event
// bus's Kafka producer) picks for each key and partition count, as the rows of SaramaPartitionerTest's table.
//
// Formula (sarama partitioner.go, hashPartitioner.Partition with referenceAbs=false):
//
//	partition = int32(fnv32a(keyBytes)) % numPartitions; if partition < 0 { partition = -partition }
//
// Produced with Debian's Go (golang-go 2:1.19~1, go1.19.8), standard library only:
//
//	go run sarama-vectors.go > vectors.txt
//
// and pasted into SaramaPartitionerTest unchanged. Keys are printed Java-escaped so the output pastes as Java source.
package main

import (
	"fmt"
	"hash/fnv"
	"strings"
)

func partition(key string, n int32) (int32, int32) {
	h := fnv.New32a()
	h.Write([]byte(key))
	hash := int32(h.Sum32())
	p := hash % n
	if p < 0 {
		p = -p
	}
	return hash, p
}

func javaString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' {
			if r > 0xffff {
				hi, lo := 0xd800+((r-0x10000)>>10), 0xdc00+((r-0x10000)&0x3ff)
				fmt.Fprintf(&b, "\\u%04x\\u%04x", hi, lo)
			} else {
				fmt.Fprintf(&b, "\\u%04x", r)
			}
		} else {
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func main() {
	keys := []string{
		"", "a", "order-42", "order-43", "order-1000", "customer-7",
		"7f3c2a9e-1b4d-4e8a-9c6f-2d5e8b1a0c3f",
		"tenant-9/aggregate/" + strings.Repeat("abcdefghij", 20),
		"客户-7", "订单-42", "Ünïcödé-ß", "emoji-🚀-1",
		"acct-1", "acct-2", "acct-3", "acct-4", "acct-5", "acct-6", "acct-7", "acct-8",
	}
	counts := []int32{1, 3, 8, 12, 64, 100}
	for _, k := range keys {
		var hash int32
		row := []string{}
		for _, n := range counts {
			h, p := partition(k, n)
			hash = h
			row = append(row, fmt.Sprint(p))
		}
		fmt.Printf("{%s, %d, %s},\n", javaString(k), hash, strings.Join(row, ", "))
	}
}
