using Microsoft.Extensions.Options;
using SpaceOfSport.BuildingBlocks.Subscriptions;
using SpaceOfSport.Cart.CatalogPrices;
using SpaceOfSport.Cart.Shipping;

namespace SpaceOfSport.Cart.Carts;

/// <summary>The changes a shopper makes to a cart, each checked against the catalog and the cart's limits.</summary>
public sealed class CartService(CartStore store, CatalogClient catalog, AvailabilityClient availability, CartPricer pricer, ShippingQuoter shipping, IOptions<CartOptions> options)
{
    private CartOptions Limits => options.Value;

    public async Task<CartDocument?> GetAsync(CartOwner? owner, CancellationToken cancellationToken) =>
        owner is null ? null : (await store.LoadAsync(owner.Key, cancellationToken)).Document;

    public async Task<(EditOutcome, CartDocument)> AddLineAsync(CartOwner owner, string? sku, int? quantity, long? version, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(sku)) return (new EditOutcome.InvalidOutcome("sku", "is required"), store.NewCart(owner.UserId));
        if (quantity is not > 0) return (new EditOutcome.InvalidOutcome("quantity", "must be greater than 0"), store.NewCart(owner.UserId));
        sku = sku.Trim();
        if (await catalog.GetAsync(sku, cancellationToken) is not { IsSellable: true } item)
            return (new EditOutcome.NotFoundOutcome($"The shop sells no SKU '{sku}'."), store.NewCart(owner.UserId));
        var available = await AvailableAsync(sku, cancellationToken);
        var now = store.Clock.GetUtcNow();

        return await store.EditAsync(owner.Key, owner.UserId, version, cart =>
        {
            var line = cart.Lines.FirstOrDefault(l => l.Sku == sku);
            var total = (line?.Quantity ?? 0) + quantity.Value;
            if (QuantityProblem(item, total) is { } problem) return problem;
            if (line is null && cart.Lines.Count >= Limits.MaxLines)
                return new EditOutcome.RuleOutcome("lines-per-cart", $"A cart holds at most {Limits.MaxLines} different items.");
            if (line is null)
            {
                line = new CartLine { Sku = sku, AddedAt = now };
                cart.Lines.Add(line);
            }
            Set(line, total, item, available);
            TouchLines(cart, now);
            return null;
        }, cancellationToken);
    }

    public async Task<(EditOutcome, CartDocument)> ChangeLineAsync(CartOwner owner, string sku, int? quantity, long? version, CancellationToken cancellationToken)
    {
        if (quantity is not > 0) return (new EditOutcome.InvalidOutcome("quantity", "must be greater than 0 (remove the line to drop it)"), store.NewCart(owner.UserId));
        var item = await catalog.GetAsync(sku, cancellationToken);
        var available = await AvailableAsync(sku, cancellationToken);
        var now = store.Clock.GetUtcNow();
        return await store.EditAsync(owner.Key, owner.UserId, version, cart =>
        {
            if (cart.Lines.FirstOrDefault(l => l.Sku == sku) is not { } line) return new EditOutcome.NotFoundOutcome($"The cart has no line for SKU '{sku}'.");
            if (item is not { IsSellable: true }) return new EditOutcome.RuleOutcome("not-sold", $"SKU '{sku}' is no longer sold: remove the line.");
            if (QuantityProblem(item, quantity.Value) is { } problem) return problem;
            Set(line, quantity.Value, item, available);
            TouchLines(cart, now);
            return null;
        }, cancellationToken);
    }

    public Task<(EditOutcome, CartDocument)> RemoveLineAsync(CartOwner owner, string sku, long? version, CancellationToken cancellationToken)
    {
        var now = store.Clock.GetUtcNow();
        return store.EditAsync(owner.Key, owner.UserId, version, cart =>
        {
            if (cart.Lines.RemoveAll(l => l.Sku == sku) == 0) return new EditOutcome.NotFoundOutcome($"The cart has no line for SKU '{sku}'.");
            TouchLines(cart, now);
            return null;
        }, cancellationToken);
    }

    public async Task<(EditOutcome, CartDocument)> ApplyPromotionAsync(CartOwner owner, string? code, long? version, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Trim().Length > 40) return (new EditOutcome.InvalidOutcome("code", "must be 1 to 40 characters"), store.NewCart(owner.UserId));
        var normalized = Promotions.Promotion.Normalize(code);
        var current = (await store.LoadAsync(owner.Key, cancellationToken)).Document ?? store.NewCart(owner.UserId);
        var lines = await PromotableLinesAsync(current, cancellationToken);
        var (discount, reason, detail) = await pricer.EvaluatePromotionAsync(normalized, owner.UserId, lines, store.Clock.GetUtcNow(), cancellationToken);
        if (discount is null) return (new EditOutcome.RuleOutcome(reason!, detail!), current);
        return await store.EditAsync(owner.Key, owner.UserId, version, cart =>
        {
            cart.PromoCode = normalized;
            return null;
        }, cancellationToken);
    }

    public Task<(EditOutcome, CartDocument)> RemovePromotionAsync(CartOwner owner, long? version, CancellationToken cancellationToken) =>
        store.EditAsync(owner.Key, owner.UserId, version, cart =>
        {
            if (cart.PromoCode is null) return new EditOutcome.NotFoundOutcome("The cart has no promotion code.");
            cart.PromoCode = null;
            return null;
        }, cancellationToken);

    public Task<(EditOutcome, CartDocument)> SetDestinationAsync(CartOwner owner, CartDestination destination, long? version, CancellationToken cancellationToken) =>
        store.EditAsync(owner.Key, owner.UserId, version, cart =>
        {
            cart.Destination = destination;
            return null;
        }, cancellationToken);

    public async Task<(EditOutcome, CartDocument)> SetShippingAsync(CartOwner owner, string? method, string? storeId, long? version, CancellationToken cancellationToken)
    {
        if (method is null || !ShippingMethods.All.Contains(method))
            return (new EditOutcome.InvalidOutcome("method", $"must be one of {string.Join(", ", ShippingMethods.All)}"), store.NewCart(owner.UserId));
        if (method == ShippingMethods.ClickAndCollect && string.IsNullOrWhiteSpace(storeId))
            return (new EditOutcome.InvalidOutcome("storeId", "is required for click-and-collect"), store.NewCart(owner.UserId));
        var now = store.Clock.GetUtcNow();
        return await store.EditAsync(owner.Key, owner.UserId, version, cart =>
        {
            if (cart.Destination is not { } destination)
                return new EditOutcome.RuleOutcome("destination-required", "Set the destination before the shipping method.");
            var offered = shipping.Quote([], 0, CartPricer.ToShipping(destination), now).Quotes;
            if (offered.FirstOrDefault(q => q.Method == method) is not { } quote)
                return new EditOutcome.RuleOutcome("method-not-offered", $"{method} is not offered to {destination.Country}.");
            if (method == ShippingMethods.ClickAndCollect && quote.Stores?.Any(s => s.Id == storeId) != true)
                return new EditOutcome.RuleOutcome("store-not-offered", $"Store '{storeId}' is not among the stores near the destination.");
            cart.ShippingMethod = method;
            cart.StoreId = method == ShippingMethods.ClickAndCollect ? storeId : null;
            return null;
        }, cancellationToken);
    }

    /// <summary>
    /// When a signed-in request still carries an anonymous cart, its lines join the user's cart (quantities added,
    /// limits applied) and the anonymous cart is deleted, in one state transaction. Null when there was nothing to merge.
    /// </summary>
    public async Task<CartMergeReport?> MergeAnonymousAsync(CartOwner owner, CancellationToken cancellationToken)
    {
        if (owner.PendingAnonymousToken is not { } token || owner.UserId is not { } userId) return null;
        var anonymousKey = CartKeys.OfAnonymous(token);
        for (var attempt = 1; attempt <= Limits.SaveAttempts; attempt++)
        {
            var anonymous = await store.LoadAsync(anonymousKey, cancellationToken);
            if (anonymous.Document is not { } source) return null;
            var stored = await store.LoadAsync(owner.Key, cancellationToken);
            var target = stored.Document ?? store.NewCart(userId);
            var items = source.Lines.Count == 0 ? new Dictionary<string, CatalogSku>() : await catalog.GetAsync(source.Lines.Select(l => l.Sku), cancellationToken);
            var now = store.Clock.GetUtcNow();

            var report = new List<MergedLine>();
            foreach (var line in source.Lines)
            {
                var existing = target.Lines.FirstOrDefault(l => l.Sku == line.Sku);
                var requested = (existing?.Quantity ?? 0) + line.Quantity;
                items.TryGetValue(line.Sku, out var item);
                var (limit, rule) = LimitOf(item);
                if (existing is null && target.Lines.Count >= Limits.MaxLines)
                {
                    report.Add(new MergedLine(line.Sku, requested, 0, "lines-per-cart"));
                    continue;
                }
                var quantity = Math.Min(requested, limit);
                if (existing is null)
                {
                    existing = new CartLine { Sku = line.Sku, AddedAt = line.AddedAt, PriceWhenSetMinor = line.PriceWhenSetMinor, AvailableWhenSet = line.AvailableWhenSet };
                    target.Lines.Add(existing);
                }
                existing.Quantity = quantity;
                report.Add(new MergedLine(line.Sku, requested, quantity, quantity < requested ? rule : null));
            }
            target.PromoCode ??= source.PromoCode;
            if (target.Destination is null && source.Destination is not null)
            {
                target.Destination = source.Destination;
                target.ShippingMethod = source.ShippingMethod;
                target.StoreId = source.StoreId;
            }
            if (source.Lines.Count > 0) TouchLines(target, now);

            if (await store.TrySaveAsync([new CartWrite(stored, target), new CartWrite(anonymous, null)], cancellationToken))
                return new CartMergeReport(report.Count(r => r.Quantity > 0), report);
        }
        throw new DependencyUnavailableException("state store", new InvalidOperationException("the merge kept losing to concurrent writers"));
    }

    /// <summary>Account deleted: the user's cart goes (idempotent: an absent cart is already erased).</summary>
    public async Task EraseAsync(Guid userId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= Limits.SaveAttempts; attempt++)
        {
            var stored = await store.LoadAsync(CartKeys.OfUser(userId), cancellationToken);
            if (stored.Document is null || await store.TrySaveAsync([new CartWrite(stored, null)], cancellationToken)) return;
        }
        throw new DependencyUnavailableException("state store", new InvalidOperationException("erasing the cart kept losing to concurrent writers"));
    }

    private async Task<IReadOnlyList<Promotions.PromotableLine>> PromotableLinesAsync(CartDocument cart, CancellationToken cancellationToken)
    {
        if (cart.Lines.Count == 0) return [];
        var items = await catalog.GetAsync(cart.Lines.Select(l => l.Sku), cancellationToken);
        return [.. cart.Lines.Where(l => items.GetValueOrDefault(l.Sku) is { IsSellable: true })
            .Select(l => CartPricer.ToPromotable(items[l.Sku], items[l.Sku].PriceMinor * l.Quantity))];
    }

    private async Task<long?> AvailableAsync(string sku, CancellationToken cancellationToken) =>
        await availability.GetAsync([sku], cancellationToken) is { } stock && stock.TryGetValue(sku, out var units) ? units : null;

    /// <summary>The most units of a SKU a line may hold, and the rule that sets it.</summary>
    private (int Limit, string Rule) LimitOf(CatalogSku? item) =>
        item?.FlashSale?.PerCustomerLimit is { } saleLimit && saleLimit < Limits.MaxQuantityPerLine
            ? (saleLimit, "flash-sale-limit")
            : (Limits.MaxQuantityPerLine, "quantity-per-line");

    private EditOutcome? QuantityProblem(CatalogSku item, int quantity)
    {
        var (limit, rule) = LimitOf(item);
        if (quantity <= limit) return null;
        return new EditOutcome.InvalidOutcome("quantity", rule == "flash-sale-limit"
            ? $"at most {limit} per customer while the flash sale '{item.FlashSale!.Name}' lasts (the cart would hold {quantity})"
            : $"at most {limit} per line (the cart would hold {quantity})");
    }

    private static void Set(CartLine line, int quantity, CatalogSku item, long? available)
    {
        line.Quantity = quantity;
        line.PriceWhenSetMinor = item.PriceMinor;
        line.AvailableWhenSet = available;
    }

    private static void TouchLines(CartDocument cart, DateTimeOffset now)
    {
        cart.LinesTouchedAt = now;
        cart.Abandonment = null;
    }
}
