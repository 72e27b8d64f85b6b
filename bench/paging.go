package main

import (
	"fmt"
	"iter"
	"runtime"
)

// liveHeap is the heap in use after a full collection.
func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// paging checks that iterating over every page keeps memory flat: the live
// heap, measured at every page boundary, against the live heap with no call
// in flight.
func paging(addr string) {
	its, err := iterators(addr)
	if err != nil {
		fmt.Println("paging:", err)
		return
	}
	fmt.Println()
	fmt.Println("| paging (items discarded) | live heap before | peak live heap at page boundaries | pages |")
	fmt.Println("|---|---:|---:|---:|")
	for _, it := range its {
		base := liveHeap()
		peak, pages, n := uint64(0), 0, 0
		for _, err := range it.seq() {
			if err != nil {
				fmt.Println("paging:", err)
				return
			}
			if n++; n%100 == 0 {
				pages++
				peak = max(peak, liveHeap())
			}
		}
		fmt.Printf("| %s | %d KiB | %d KiB | %d |\n", it.name, base/1024, peak/1024, pages)
	}
}

type namedSeq struct {
	name string
	seq  func() iter.Seq2[struct{}, error]
}
