package fastlyapi

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Product is one of Fastly's per-service inspector add-ons.
type Product string

// Inspector add-ons, named as the enablement API names them.
const (
	OriginInspector Product = "origin_inspector"
	DomainInspector Product = "domain_inspector"
)

// Inspector dimensions (group_by values and dimension keys of the answer).
const (
	DimensionHost   = "host"
	DimensionDomain = "domain"
	DimensionPOP    = "datacenter"
	DimensionRegion = "region"
)

// InspectorPageLimit is the largest page Fastly serves (series per page).
const InspectorPageLimit = 200

// notEnabledTitle is the title of the 400 the enablement API answers for a service without the add-on.
const notEnabledTitle = "no product on service"

// IsNotEnabled tells whether err is Fastly's 400 "no product on service" for a service without the add-on.
func IsNotEnabled(err error) bool {
	var apiErr *Error
	return errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusBadRequest && strings.Contains(apiErr.Message, notEnabledTitle)
}

// Title is the product's name as Fastly markets it.
func (p Product) Title() string {
	if p == DomainInspector {
		return "Domain Inspector"
	}
	return "Origin Inspector"
}

// Dimension is the product's own dimension: host for origins, domain for domains.
func (p Product) Dimension() string {
	if p == DomainInspector {
		return DimensionDomain
	}
	return DimensionHost
}

// collection is the path segment of the product's metrics endpoint.
func (p Product) collection() string {
	if p == DomainInspector {
		return "domains"
	}
	return "origins"
}

// InspectorRequest is one page of /metrics/{origins|domains}/services/{id}.
type InspectorRequest struct {
	Product    Product
	ServiceID  string
	Start, End time.Time // start inclusive, end exclusive
	Downsample string    // minute, hour or day
	Metrics    []string
	GroupBy    []string
	Names      []string // hosts (origins) or domains (domains) to keep; empty = all
	POPs       []string
	Regions    []string
	Limit      int // series per page; 0 = InspectorPageLimit
	Cursor     string
}

// Path is the API path the request calls.
func (r InspectorRequest) Path() string {
	return "/metrics/" + r.Product.collection() + "/services/" + pathEscape(r.ServiceID)
}

// Params are the query parameters the request sends; empty filters are not sent.
func (r InspectorRequest) Params() map[string]string {
	limit := r.Limit
	if limit <= 0 || limit > InspectorPageLimit {
		limit = InspectorPageLimit
	}
	p := map[string]string{
		"start":      strconv.FormatInt(r.Start.Unix(), 10),
		"end":        strconv.FormatInt(r.End.Unix(), 10),
		"downsample": r.Downsample,
		"metric":     strings.Join(r.Metrics, ","),
		"limit":      strconv.Itoa(limit),
	}
	setList(p, "group_by", r.GroupBy)
	setList(p, r.Product.Dimension(), r.Names)
	setList(p, "datacenter", r.POPs)
	setList(p, "region", r.Regions)
	if r.Cursor != "" {
		p["cursor"] = r.Cursor
	}
	return p
}

func setList(p map[string]string, key string, values []string) {
	if len(values) > 0 {
		p[key] = strings.Join(values, ",")
	}
}

// String renders the call for ExecutedQueryString.
func (r InspectorRequest) String() string { return DescribeCall(r.Path(), query(r.Params())) }

// InspectorSeries is one time series of an inspector answer, decoded column by column.
type InspectorSeries struct {
	Dimensions map[string]string
	Timestamps []int64     // bucket starts, Unix seconds
	Values     [][]float64 // Values[i][j]: metric i of the page's Metrics at Timestamps[j]; a missing key is 0
}

// InspectorPage is one decoded page.
type InspectorPage struct {
	Metrics    []string
	Series     []InspectorSeries
	NextCursor string // "" when this was the last page
}

// InspectorPage fetches and decodes one page.
func (c *Client) InspectorPage(ctx context.Context, r InspectorRequest) (*InspectorPage, error) {
	body, _, err := c.get(ctx, r.Path(), query(r.Params()))
	if err != nil {
		return nil, err
	}
	return DecodeInspectorPage(body, r.Path(), r.Metrics)
}

// InspectorEnabled tells whether the add-on is enabled for the service: Fastly answers 200 when it is and
// 400 "no product on service" when it is not.
func (c *Client) InspectorEnabled(ctx context.Context, p Product, serviceID string) (bool, error) {
	return c.productEnabled(ctx, string(p), serviceID)
}

// productEnabled asks the enablement API whether the product is enabled for the service: 200 naming the product
// is yes, 400 "no product on service" is no, any other failure is an error.
func (c *Client) productEnabled(ctx context.Context, product, serviceID string) (bool, error) {
	path := "/enabled-products/v1/" + product + "/services/" + pathEscape(serviceID)
	body, _, err := c.get(ctx, path, nil)
	if IsNotEnabled(err) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return decodeEnablement(body, path, product)
}
