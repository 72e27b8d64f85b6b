package cloudtest

import (
	"fmt"
	"strconv"
	"time"
)

// volcBill is a ListBill item with Volcengine's wire names (a subset of
// ListForListBillOutput). Amounts are decimal strings, as on the wire.
type volcBill struct {
	BillID                 string
	BillPeriod             string
	BusiPeriod             string
	PayerID                string
	PayerUserName          string
	PayerCustomerName      string
	SellerID               string
	SellerUserName         string
	SellerCustomerName     string
	OwnerID                string
	OwnerUserName          string
	OwnerCustomerName      string
	Product                string
	ProductZh              string
	BusinessMode           string
	BillingMode            string
	ExpenseBeginTime       string
	ExpenseEndTime         string
	TradeTime              string
	BillCategoryParent     string
	OriginalBillAmount     string
	PreferentialBillAmount string
	RoundBillAmount        string
	DiscountBillAmount     string
	CouponAmount           string
	PayableAmount          string
	PaidAmount             string
	UnpaidAmount           string
	Currency               string
	PayStatus              string
	SettlementType         string
	BillDetailNum          string

	mode    string // BillingMode filter code: "1" subscription ... "4" fulfilment
	payable int64  // cents
}

// volcBillDetail is a ListBillDetail item (a subset of
// ListForListBillDetailOutput).
type volcBillDetail struct {
	BillDetailID       string `json:"BillDetailId"`
	BillID             string
	BillPeriod         string
	BusiPeriod         string
	ExpenseDate        string
	ExpenseBeginTime   string
	ExpenseEndTime     string
	PayerID            string
	OwnerID            string
	Product            string
	ProductZh          string
	BillingMode        string
	BillCategory       string
	InstanceNo         string
	InstanceName       string
	Region             string
	RegionCode         string
	Zone               string
	ZoneCode           string
	Element            string
	Price              string
	PriceUnit          string
	Count              string
	Unit               string
	UseDuration        string
	UseDurationUnit    string
	OriginalBillAmount string
	DiscountBillAmount string
	CouponAmount       string
	PayableAmount      string
	PaidAmount         string
	UnpaidAmount       string
	Currency           string
	Project            string

	mode    string
	payable int64
}

// volcAccountID is the emulated account: payer and owner of every bill.
const volcAccountID = 2100000001

// volcBillingModes are the BillingMode codes and their labels.
var volcBillingModes = map[string]string{"1": "包年包月", "2": "按量计费", "3": "合同计费", "4": "履约计费"}

// volcProducts are what seeded bills are for: product, Chinese name, the
// billing element and its unit.
var volcProducts = []struct{ code, zh, element, unit string }{
	{"ECS", "云服务器", "实例规格", "台"},
	{"EBS", "云盘", "容量", "GB"},
	{"VPC", "私有网络", "NAT网关", "个"},
	{"EIP", "公网IP", "带宽", "Mbps"},
	{"CLB", "负载均衡", "实例", "个"},
	{"TOS", "对象存储", "存储容量", "GB"},
	{"CDN", "内容分发网络", "流量", "GB"},
	{"RDS_MySQL", "云数据库 MySQL 版", "实例规格", "台"},
}

// seedBills makes WithBills' bills for the current month and the two
// before it, each with one to three detail lines whose amounts add up to
// the bill's.
func (p *volcengine) seedBills() {
	now := p.s.cfg.now().UTC()
	month := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	account := strconv.Itoa(volcAccountID)
	for back := 2; back >= 0; back-- {
		start := month.AddDate(0, -back, 0)
		end := start.AddDate(0, 1, 0).Add(-time.Second)
		if back == 0 {
			end = now
		}
		period := start.Format("2006-01")
		for i := range p.s.cfg.bills {
			prod := volcProducts[(i+back)%len(volcProducts)]
			mode := []string{"2", "2", "1", "2"}[i%4]
			nDetails := 1 + p.s.randN(3)
			b := &volcBill{
				BillID: "Bill" + p.s.randString(19, digits), BillPeriod: period, BusiPeriod: period,
				PayerID: account, PayerUserName: "cloudtest", PayerCustomerName: "cloudtest",
				SellerID: "3423", SellerUserName: "volcengine", SellerCustomerName: "火山引擎",
				OwnerID: account, OwnerUserName: "cloudtest", OwnerCustomerName: "cloudtest",
				Product: prod.code, ProductZh: prod.zh, BusinessMode: "normal",
				BillingMode: volcBillingModes[mode], mode: mode,
				ExpenseBeginTime: start.Format(time.DateTime), ExpenseEndTime: end.Format(time.DateTime),
				TradeTime: end.Format(time.DateTime), BillCategoryParent: "consume",
				Currency: "CNY", PayStatus: "CompletedSettle", SettlementType: "postpaid",
				BillDetailNum: strconv.Itoa(nDetails),
			}
			if back == 0 {
				b.PayStatus = "Unsettle"
			}
			for d := range nDetails {
				cents := int64(100 + p.s.randN(50000))
				if i%7 == 6 {
					cents = 0 // some free usage, for IgnoreZero
				}
				b.payable += cents
				p.details = append(p.details, p.newDetail(b, start, end, prod.element, prod.unit, d, cents))
			}
			b.OriginalBillAmount, b.PreferentialBillAmount = money(b.payable), money(b.payable)
			b.DiscountBillAmount, b.PayableAmount = money(b.payable), money(b.payable)
			b.RoundBillAmount, b.CouponAmount = "0", "0"
			b.PaidAmount, b.UnpaidAmount = money(b.payable), "0"
			if b.PayStatus == "Unsettle" {
				b.PaidAmount, b.UnpaidAmount = "0", money(b.payable)
			}
			p.bills = append(p.bills, b)
		}
	}
}

func (p *volcengine) newDetail(b *volcBill, start, end time.Time, element, unit string, n int, cents int64) *volcBillDetail {
	day := start.AddDate(0, 0, p.s.randN(max(end.Day(), 1)))
	d := &volcBillDetail{
		BillDetailID: "Detail" + p.s.randString(19, digits), BillID: b.BillID,
		BillPeriod: b.BillPeriod, BusiPeriod: b.BusiPeriod, ExpenseDate: day.Format(time.DateOnly),
		ExpenseBeginTime: b.ExpenseBeginTime, ExpenseEndTime: b.ExpenseEndTime,
		PayerID: b.PayerID, OwnerID: b.OwnerID, Product: b.Product, ProductZh: b.ProductZh,
		BillingMode: b.BillingMode, BillCategory: "consume-use", mode: b.mode,
		InstanceNo:   fmt.Sprintf("%s-%s", lowerFirst(b.Product), p.s.randString(20, lowerAlnum)),
		InstanceName: fmt.Sprintf("%s-%d", b.Product, n+1),
		Region:       "华北2（北京）", RegionCode: "cn-beijing", Zone: "可用区A", ZoneCode: "cn-beijing-a",
		Element: element, Price: money(cents), PriceUnit: "元/" + unit, Count: "1", Unit: unit,
		UseDuration: "720", UseDurationUnit: "小时",
		OriginalBillAmount: money(cents), DiscountBillAmount: money(cents), CouponAmount: "0",
		PayableAmount: money(cents), PaidAmount: money(cents), UnpaidAmount: "0",
		Currency: "CNY", Project: "default", payable: cents,
	}
	if b.PayStatus == "Unsettle" {
		d.PaidAmount, d.UnpaidAmount = "0", money(cents)
	}
	return d
}

// money formats cents as a decimal string.
// money formats cents as the API's decimal string: 1234 is "12.34", -1234
// is "-12.34".
func money(cents int64) string {
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	return fmt.Sprintf("%s%d.%02d", sign, cents/100, cents%100)
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	b := []byte(s)
	if 'A' <= b[0] && b[0] <= 'Z' {
		b[0] += 'a' - 'A'
	}
	return string(b)
}

// volcListArgs are the paging and filter arguments ListBill and
// ListBillDetail share.
type volcListArgs struct {
	period, payStatus  string
	limit, offset      int
	needTotal, noZeros bool
	products, modes    []string
}

// volcBillList reads and checks the shared arguments: BillPeriod within the
// last 24 months and not before 2022-01, Limit 1 to 300.
func (p *volcengine) volcBillList(in *incoming) (volcListArgs, error) {
	q := in.params
	a := volcListArgs{period: q.str("BillPeriod"), payStatus: q.str("PayStatus"),
		products: q.list("Product"), modes: q.list("BillingMode")}
	if a.period == "" {
		return a, missingParam("BillPeriod")
	}
	if !q.has("Limit") {
		return a, missingParam("Limit")
	}
	now := in.now.UTC()
	oldest := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -23, 0).Format("2006-01")
	if !volcPeriod(a.period) || a.period < "2022-01" || a.period < oldest || a.period > now.Format("2006-01") {
		return a, invalidf("BillPeriod %q must be a month (YYYY-MM) within the last 24 months and not before 2022-01", a.period)
	}
	var err error
	if a.limit, err = q.integer("Limit", 0); err != nil {
		return a, err
	}
	if maxLimit := p.s.pageMax(300); a.limit < 1 || a.limit > maxLimit {
		return a, invalidf("Limit must be between 1 and %d", maxLimit)
	}
	if a.offset, err = q.integer("Offset", 0); err != nil {
		return a, err
	}
	if a.offset < 0 {
		return a, invalidf("Offset must not be negative")
	}
	need, err := q.integer("NeedRecordNum", 0)
	if err != nil {
		return a, err
	}
	zero, err := q.integer("IgnoreZero", 0)
	if err != nil {
		return a, err
	}
	a.needTotal, a.noZeros = need == 1, zero == 1
	return a, nil
}

// page is the Result of both list APIs: Total only with NeedRecordNum=1.
func (a volcListArgs) page(items any, total int) map[string]any {
	if !a.needTotal {
		total = 0
	}
	return map[string]any{"List": items, "Total": total, "Limit": a.limit, "Offset": a.offset}
}

func (p *volcengine) listBill(in *incoming) (any, error) {
	a, err := p.volcBillList(in)
	if err != nil {
		return nil, err
	}
	parents := in.params.list("BillCategoryParent")
	var matched []*volcBill
	for _, b := range p.bills {
		if b.BillPeriod == a.period && matchAny(b.Product, a.products) && matchAny(b.mode, a.modes) &&
			matchAny(b.BillCategoryParent, parents) && (a.payStatus == "" || b.PayStatus == a.payStatus) &&
			!(a.noZeros && b.payable == 0) {
			matched = append(matched, b)
		}
	}
	start, end := window(len(matched), a.offset, a.limit)
	return a.page(append([]*volcBill{}, matched[start:end]...), len(matched)), nil
}

func (p *volcengine) listBillDetail(in *incoming) (any, error) {
	a, err := p.volcBillList(in)
	if err != nil {
		return nil, err
	}
	q := in.params
	date := q.str("ExpenseDate")
	if date != "" {
		d, err := time.Parse(time.DateOnly, date)
		if err != nil || d.Format("2006-01") != a.period {
			return nil, invalidf("ExpenseDate %q must be a day (YYYY-MM-DD) of BillPeriod %s", date, a.period)
		}
	}
	categories, instance := q.list("BillCategory"), q.str("InstanceNo")
	var matched []*volcBillDetail
	for _, d := range p.details {
		if d.BillPeriod == a.period && matchAny(d.Product, a.products) && matchAny(d.mode, a.modes) &&
			matchAny(d.BillCategory, categories) && (instance == "" || d.InstanceNo == instance) &&
			(date == "" || d.ExpenseDate == date) && !(a.noZeros && d.payable == 0) {
			matched = append(matched, d)
		}
	}
	start, end := window(len(matched), a.offset, a.limit)
	res := a.page(append([]*volcBillDetail{}, matched[start:end]...), len(matched))
	res["Warning"] = ""
	return res, nil
}

// queryBalanceAcct answers the balance: the seeded account's, with the
// current month's unsettled bills frozen.
func (p *volcengine) queryBalanceAcct(in *incoming) (any, error) {
	var unsettled int64
	for _, b := range p.bills {
		if b.PayStatus == "Unsettle" {
			unsettled += b.payable
		}
	}
	cash := int64(888888)
	return map[string]any{
		"AccountID":        volcAccountID,
		"AvailableBalance": money(cash - unsettled),
		"CashBalance":      money(cash),
		"CreditLimit":      "0.00",
		"FreezeAmount":     money(unsettled),
		"ArrearsBalance":   "0.00",
	}, nil
}
