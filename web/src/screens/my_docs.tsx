// "SOP Saya": placeholder until the reading screens land.
export default function MyDocs() {
  return <h2>SOP Saya</h2>;
}
