package fastlyapi

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"time"
)

// servicesPerPage is the page size asked of /service.
const servicesPerPage = 100

// maxServicePages bounds the /service pagination loop.
const maxServicePages = 1000

// Service is one entry of /service.
type Service struct {
	ID            string    `json:"id"`
	Name          string    `json:"name"`
	Type          string    `json:"type"`
	ActiveVersion int       `json:"version"`
	UpdatedAt     time.Time `json:"updated_at"`
}

// Token is the answer of /tokens/self.
type Token struct {
	Name      string     `json:"name"`
	Scope     string     `json:"scope"`
	ExpiresAt *time.Time `json:"expires_at"`
	Services  []string   `json:"services"`
}

// POP is one Fastly POP from /datacenters.
type POP struct {
	Code          string `json:"code"`
	Name          string `json:"name"`
	Group         string `json:"group"`
	Region        string `json:"region"`
	StatsRegion   string `json:"stats_region"`
	BillingRegion string `json:"billing_region"`
	Coordinates   struct {
		Latitude  float64 `json:"latitude"`
		Longitude float64 `json:"longitude"`
	} `json:"coordinates"`
}

// TokenSelf describes the token the client uses.
func (c *Client) TokenSelf(ctx context.Context) (*Token, error) {
	var t Token
	if err := c.getJSON(ctx, "/tokens/self", nil, &t); err != nil {
		return nil, err
	}
	return &t, nil
}

// Services lists every service the token can see, following the Link header through all pages. A service
// seen on two pages (the list shifted while paging) is listed once.
func (c *Client) Services(ctx context.Context) ([]Service, error) {
	var all []Service
	seen := map[string]bool{}
	page := 1
	for n := 0; n < maxServicePages; n++ {
		params := map[string]string{"page": strconv.Itoa(page), "per_page": strconv.Itoa(servicesPerPage)}
		body, header, err := c.get(ctx, ServicesPath, query(params))
		if err != nil {
			return nil, err
		}
		var batch []Service
		if err := json.Unmarshal(body, &batch); err != nil {
			return nil, &DecodeError{Path: ServicesPath, Reason: err.Error()}
		}
		for _, s := range batch {
			if !seen[s.ID] {
				seen[s.ID] = true
				all = append(all, s)
			}
		}
		next, ok := nextPage(header.Get("Link"))
		if !ok || next <= page {
			return all, nil
		}
		page = next
	}
	return nil, &DecodeError{Path: ServicesPath, Reason: fmt.Sprintf("the service list did not end after %d pages", maxServicePages)}
}

// Regions lists the stats regions.
func (c *Client) Regions(ctx context.Context) ([]string, error) {
	var env struct {
		Data []string `json:"data"`
	}
	if err := c.getJSON(ctx, "/stats/regions", nil, &env); err != nil {
		return nil, err
	}
	return env.Data, nil
}

// POPs lists Fastly's POPs.
func (c *Client) POPs(ctx context.Context) ([]POP, error) {
	var dcs []POP
	if err := c.getJSON(ctx, "/datacenters", nil, &dcs); err != nil {
		return nil, err
	}
	return dcs, nil
}

func (c *Client) getJSON(ctx context.Context, path string, params map[string]string, dst any) error {
	body, _, err := c.get(ctx, path, query(params))
	if err != nil {
		return err
	}
	if err := json.Unmarshal(body, dst); err != nil {
		return &DecodeError{Path: path, Reason: err.Error()}
	}
	return nil
}

var linkNext = regexp.MustCompile(`<([^>]+)>\s*;\s*rel="?next"?`)

// nextPage reads the page number of the rel="next" link of an RFC 5988 Link header.
func nextPage(link string) (int, bool) {
	m := linkNext.FindStringSubmatch(link)
	if m == nil {
		return 0, false
	}
	u, err := url.Parse(m[1])
	if err != nil {
		return 0, false
	}
	page, err := strconv.Atoi(u.Query().Get("page"))
	return page, err == nil
}
