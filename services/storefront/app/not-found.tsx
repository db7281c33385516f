import Link from "next/link";

export default function NotFound() {
  return (
    <>
      <h1>Not found</h1>
      <p>That page or product does not exist (any more). <Link href="/">Back to the shop</Link></p>
    </>
  );
}
