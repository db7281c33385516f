using SpaceOfSport.BuildingBlocks.Validation;
using SpaceOfSport.Ordering.Orders;

namespace SpaceOfSport.Ordering.Returns;

/// <summary>Field-level checks of a return request against its order (400s); the business rules are in <see cref="ReturnRules"/>.</summary>
public static class ReturnValidation
{
    public const int MaxNoteLength = 500;

    public static Dictionary<string, string[]> Check(RequestReturnRequest request, Order? order)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.OrderId is null || request.OrderId == Guid.Empty) errors["orderId"] = ["the order to return from is required"];
        if (request.Lines is not { Count: > 0 } lines)
        {
            errors["lines"] = ["at least one line to return is required"];
            return errors;
        }
        if (lines.Select(l => l.LineNumber).Distinct().Count() != lines.Count) errors["lines"] = ["each order line at most once"];
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (order is not null && order.Lines.All(l => l.LineNumber != line.LineNumber)) errors[$"lines[{i}].lineNumber"] = ["no such line in the order"];
            if (line.Quantity < 1) errors[$"lines[{i}].quantity"] = ["at least 1"];
            if (line.Reason is null || !ReturnReasons.All.Contains(line.Reason)) errors[$"lines[{i}].reason"] = [$"one of {string.Join(", ", ReturnReasons.All)}"];
            if (line.ExchangeSku is not null)
            {
                if (line.Reason != ReturnReasons.WrongSize) errors[$"lines[{i}].exchangeSku"] = ["only a wrong size is exchanged"];
                else if (line.ExchangeSku.Length is 0 or > 64 || !TextRules.IsSingleLine(line.ExchangeSku)) errors[$"lines[{i}].exchangeSku"] = ["a SKU of at most 64 characters"];
            }
        }
        return errors;
    }
}
