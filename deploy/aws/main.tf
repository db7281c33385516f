# A sketch of the AWS resources components/aws and charts/space-of-sport/values-eks.yaml expect (each component file
# names its resource in its leading comment). Not applied by CI; review before use. The EKS cluster, its OIDC
# provider, the VPC, Aurora and the SES domain identity are assumed to exist and are passed in as variables.
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 6.0" }
  }
}

provider "aws" {
  region = "eu-west-1"
}

variable "oidc_provider_arn" { type = string }      # the EKS cluster's IAM OIDC provider
variable "oidc_provider_url" { type = string }      # without https://
variable "namespace" {
  type    = string
  default = "space-of-sport"
}
variable "release" {
  type    = string
  default = "shop"
}

locals {
  # app-id => what its sidecar may touch (IAM actions on the resources below).
  services = ["gateway", "catalog", "inventory", "identity", "cart", "ordering", "payments", "notifications", "storefront"]
}

# components/aws/statestore.yaml
resource "aws_dynamodb_table" "state" {
  name         = "spaceofsport-state"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "key"
  attribute {
    name = "key"
    type = "S"
  }
  ttl {
    attribute_name = "ttl"
    enabled        = true
  }
}

# components/aws/pubsub.yaml and pubsub-broadcast.yaml: topics and per-app (per-pod for broadcast) queues are created by
# the sidecars; the dead-letter queue is shared.
resource "aws_sqs_queue" "dead_letters" {
  name                      = "spaceofsport-dead-letters"
  message_retention_seconds = 1209600
}

# components/aws/stripe-events.yaml and delivery-events.yaml (an API Gateway relay writes the webhooks into them).
resource "aws_sqs_queue" "partner_events" {
  for_each = toset(["spaceofsport-stripe-events", "spaceofsport-delivery-events"])
  name     = each.key
}

# components/aws/sms.yaml
resource "aws_sns_topic" "sms" {
  name = "spaceofsport-sms"
}

# charts/space-of-sport/values.yaml: image repositories space-of-sport/<app-id>.
resource "aws_ecr_repository" "images" {
  for_each             = toset(concat(local.services, ["stripe-sandbox"]))
  name                 = "space-of-sport/${each.key}"
  image_tag_mutability = "IMMUTABLE"
}

# IRSA: one role per service, assumable only by its ServiceAccount (<release>-<app-id>).
data "aws_iam_policy_document" "trust" {
  for_each = toset(local.services)
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [var.oidc_provider_arn]
    }
    condition {
      test     = "StringEquals"
      variable = "${var.oidc_provider_url}:sub"
      values   = ["system:serviceaccount:${var.namespace}:${var.release}-${each.key}"]
    }
  }
}

resource "aws_iam_role" "service" {
  for_each           = toset(local.services)
  name               = "space-of-sport-${each.key}"
  assume_role_policy = data.aws_iam_policy_document.trust[each.key].json
}

# Every sidecar on pub/sub: SNS topics and SQS queues of the shop (names are the topic and consumer names).
resource "aws_iam_role_policy" "pubsub" {
  for_each = toset(local.services)
  role     = aws_iam_role.service[each.key].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["sns:CreateTopic", "sns:Publish", "sns:Subscribe", "sns:GetTopicAttributes", "sns:ListSubscriptionsByTopic", "sqs:CreateQueue", "sqs:GetQueueUrl", "sqs:GetQueueAttributes", "sqs:SetQueueAttributes", "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:SendMessage"]
      Resource = "*"
    }]
  })
}

resource "aws_iam_role_policy" "state" {
  for_each = toset(["cart", "ordering"])
  role     = aws_iam_role.service[each.key].id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:Query", "dynamodb:BatchGetItem", "dynamodb:TransactWriteItems"], Resource = aws_dynamodb_table.state.arn }]
  })
}

resource "aws_iam_role_policy" "secrets" {
  for_each = toset(["identity", "payments", "ordering"])
  role     = aws_iam_role.service[each.key].id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["secretsmanager:GetSecretValue"], Resource = "arn:aws:secretsmanager:eu-west-1:*:secret:*" }]
  })
}

resource "aws_iam_role_policy" "notifications" {
  role = aws_iam_role.service["notifications"].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["ses:SendEmail", "ses:SendRawEmail"], Resource = "*" },
      { Effect = "Allow", Action = ["sns:Publish"], Resource = aws_sns_topic.sms.arn },
    ]
  })
}

resource "aws_iam_role_policy" "partner_events" {
  for_each = { payments = "spaceofsport-stripe-events", ordering = "spaceofsport-delivery-events" }
  role     = aws_iam_role.service[each.key].id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueUrl", "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility"], Resource = aws_sqs_queue.partner_events[each.value].arn }]
  })
}
