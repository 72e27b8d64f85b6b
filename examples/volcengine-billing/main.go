// Command volcengine-billing reports this month's Volcengine spending: the
// account balance, and the bill detail lines summed per product, paged with
// ListBillDetailAll. It only reads, so it uses real credentials when it
// finds them (credentials.VolcengineDefault) and the built-in emulator
// (cloudtest) otherwise.
//
// Against the emulator it also injects a throttled answer, to show that the
// client's retries absorb it: the report comes out the same.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"time"

	"github.com/multicloud-go/multicloud"
	"github.com/multicloud-go/multicloud/cloudtest"
	"github.com/multicloud-go/multicloud/volcengine/billing"

	"github.com/multicloud-go/multicloud/examples/internal/target"
)

func main() {
	local := flag.Bool("local", false, "use the built-in emulator even if credentials are found")
	period := flag.String("period", "", "bill period, YYYY-MM (default: this month)")
	flag.Parse()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := run(ctx, os.Stdout, target.Env{Local: *local, LookupEnv: os.LookupEnv}, *period); err != nil {
		fmt.Fprintln(os.Stderr, "volcengine-billing:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, w io.Writer, env target.Env, period string) error {
	cfg, t := target.Volcengine(ctx, env, cloudtest.WithBills(40))
	defer t.Close()
	t.Announce(w, "Volcengine")
	if period == "" {
		now := time.Now()
		if t.Server != nil {
			now = t.Server.Now()
		}
		period = now.UTC().Format("2006-01")
	}
	if t.Server != nil {
		t.Server.Inject(cloudtest.Fault{Kind: cloudtest.FaultThrottle, Action: "ListBillDetail"})
	}
	client, err := billing.New(cfg, t.Options...)
	if err != nil {
		return err
	}

	balance, err := client.QueryBalanceAcct(ctx, nil)
	if err != nil {
		return fmt.Errorf("QueryBalanceAcct: %w", err)
	}
	fmt.Fprintf(w, "account %d: available balance %s\n", balance.AccountID, balance.AvailableBalance)

	perProduct := map[string]float64{}
	lines, currency := 0, ""
	in := &billing.ListBillDetailInput{BillPeriod: period, Limit: multicloud.Ptr[int64](25)}
	for line, err := range client.ListBillDetailAll(ctx, in) {
		if err != nil {
			return fmt.Errorf("ListBillDetail: %w", err)
		}
		amount, err := strconv.ParseFloat(line.PayableAmount, 64)
		if err != nil {
			continue
		}
		lines++
		perProduct[line.Product] += amount
		currency = line.Currency
	}
	fmt.Fprintf(w, "%s: %d bill detail lines\n", period, lines)
	products := make([]string, 0, len(perProduct))
	for p := range perProduct {
		products = append(products, p)
	}
	slices.Sort(products)
	for _, p := range products {
		fmt.Fprintf(w, "  %-10s %10.2f %s\n", p, perProduct[p], currency)
	}
	if t.Server != nil {
		fmt.Fprintf(w, "(the emulator throttled one ListBillDetail page; it was retried: %d requests for it)\n",
			t.Server.RequestCount("ListBillDetail"))
	}
	return nil
}
